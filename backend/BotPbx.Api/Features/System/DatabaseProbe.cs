using System.Text.Json.Serialization;
using BotPbx.Data;
using Dapper;

namespace BotPbx.Api.Features.SystemStatus;

public sealed record DatabaseStatus(string State, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);

/// <summary>A cheap round trip to PostgreSQL for the health and status endpoints.</summary>
public sealed class DatabaseProbe(IDbConnectionFactory database)
{
    public async Task<DatabaseStatus> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return new DatabaseStatus("up");
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e) || e is Npgsql.NpgsqlException)
        {
            return new DatabaseStatus("down", DatabaseErrors.Reason(e));
        }
    }
}
