using Hangfire.PostgreSql;
using Npgsql;

namespace BotPbx.Api.Features.Jobs;

/// <summary>Hangfire's connections come from the product's pooled data source: same database, role and settings.</summary>
public sealed class DataSourceConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
}
