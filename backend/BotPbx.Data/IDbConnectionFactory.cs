using Npgsql;

namespace BotPbx.Data;

/// <summary>Hands out open connections from the pooled data source; dispose each one to return it to the pool.</summary>
public interface IDbConnectionFactory
{
    ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken);
}

public sealed class DbConnectionFactory(NpgsqlDataSource dataSource) : IDbConnectionFactory
{
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        dataSource.OpenConnectionAsync(cancellationToken);
}
