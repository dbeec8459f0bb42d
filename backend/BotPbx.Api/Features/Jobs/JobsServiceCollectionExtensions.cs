using BotPbx.Api.Configuration;
using Hangfire;
using Hangfire.PostgreSql;
using Npgsql;

namespace BotPbx.Api.Features.Jobs;

public static class JobsServiceCollectionExtensions
{
    public const string Schema = "hangfire";
    public const string DashboardPath = "/hangfire";

    /// <summary>
    /// Hangfire (the design card's job runner) with its storage in the product database, schema <see cref="Schema"/>,
    /// installed at start-up by the product's own role (after the migrations, which create the schema). The server
    /// starts with the host, so the migrations have run before it touches its tables.
    /// </summary>
    public static IServiceCollection AddBotPbxJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = OptionsBinding.Read<JobsOptions>(configuration);
        services.AddSingleton(options);
        services.AddSingleton<DataSourceConnectionFactory>();
        services.AddHangfire((provider, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                bootstrap => bootstrap.UseConnectionFactory(new DataSourceConnectionFactory(provider.GetRequiredService<NpgsqlDataSource>())),
                new PostgreSqlStorageOptions
                {
                    SchemaName = Schema,
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(Math.Max(1, options.QueuePollSeconds)),
                    // Workers wake on NOTIFY when a job is enqueued instead of waiting for the next poll.
                    EnableLongPolling = true,
                }));
        services.AddHangfireServer(server =>
        {
            server.WorkerCount = Math.Max(1, options.WorkerCount);
            server.SchedulePollingInterval = TimeSpan.FromSeconds(Math.Max(1, options.SchedulePollingSeconds));
            // A job interrupted by a shutdown is picked up again by the next start (its row stays); waiting longer only slows stops.
            server.ShutdownTimeout = TimeSpan.FromSeconds(5);
            server.ServerName = "botpbx-" + Environment.MachineName + "-" + Environment.ProcessId;
        });
        return services;
    }

    /// <summary>The dashboard at /hangfire, for signed-in admins only (<see cref="AdminDashboardAuthorizationFilter"/>).</summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorizationFilter()],
            DashboardTitle = "BotPBX jobs",
            AppPath = "/",
            // Never show the connection string (it holds the database password).
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}
