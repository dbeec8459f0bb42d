using System.Reflection;
using BotPbx.Api.Configuration;
using BotPbx.Data;
using BotPbx.Data.Migrations;
using Npgsql;

namespace BotPbx.Api.Database;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// The pooled <see cref="NpgsqlDataSource"/>, <see cref="IDbConnectionFactory"/> and the migration runner.
    /// The connection string is read when the data source is first needed, so a missing or malformed one is reported
    /// by <see cref="DatabaseStartup"/> as one clear log line rather than a stack trace.
    /// </summary>
    public static IServiceCollection AddBotPbxDatabase(this IServiceCollection services)
    {
        DapperSetup.Configure();
        services.AddSingleton(provider =>
        {
            var configured = DatabaseOptions.Resolve(provider.GetRequiredService<IConfiguration>());
            if (string.IsNullOrWhiteSpace(configured))
            {
                throw new DatabaseConfigurationException(
                    "No database configured: set BOTPBX_DATABASE_URL (postgresql://user:password@host:5432/botpbx).");
            }
            NpgsqlConnectionStringBuilder connectionString;
            try
            {
                connectionString = PostgresConnectionString.Parse(configured);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or KeyNotFoundException)
            {
                throw new DatabaseConfigurationException($"BOTPBX_DATABASE_URL is not valid: {e.Message}");
            }
            return new NpgsqlDataSourceBuilder(connectionString.ConnectionString)
                .UseLoggerFactory(provider.GetRequiredService<ILoggerFactory>())
                .Build();
        });
        services.AddSingleton<IDbConnectionFactory, DbConnectionFactory>();
        services.AddSingleton<MigrationRunner>();
        services.AddMigrations(typeof(MigrationRunner).Assembly);
        return services;
    }

    /// <summary>Lets a feature project ship its own numbered migrations (see docs/development.md for the ranges).</summary>
    public static IServiceCollection AddMigrations(this IServiceCollection services, Assembly assembly) =>
        services.AddSingleton(new MigrationSource(assembly));
}
