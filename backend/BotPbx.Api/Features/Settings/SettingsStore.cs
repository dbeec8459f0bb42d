using System.Text.Json;
using BotPbx.Data;
using Dapper;

namespace BotPbx.Api.Features.Settings;

/// <summary>
/// Typed JSON documents in the <c>settings</c> table, one per key. Other features keep their own system-wide
/// settings here under their own key.
/// </summary>
public sealed class SettingsStore(IDbConnectionFactory database)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken) where T : class
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT value::text FROM settings WHERE key = @key", new { key }, cancellationToken: cancellationToken));
        return json is null ? null : JsonSerializer.Deserialize<T>(json, Json);
    }

    public async Task SetAsync<T>(string key, T value, long? updatedBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO settings (key, value, updated_by) VALUES (@key, CAST(@value AS jsonb), @updatedBy)
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by
            """,
            new { key, value = JsonSerializer.Serialize(value, Json), updatedBy }, cancellationToken: cancellationToken));
    }
}
