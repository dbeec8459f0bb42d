using BotPbx.Api.Configuration;
using Hangfire;
using Hangfire.AspNetCore;
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
        // This provider's own storage and activator, registered before AddHangfire (which only adds them when absent):
        // Hangfire's defaults are process-wide statics (JobStorage.Current, JobActivator.Current), which would let two
        // hosts in one process — the integration tests' APIs — run each other's jobs against each other's databases.
        services.AddSingleton<JobStorage>(provider =>
        {
            provider.GetRequiredService<IGlobalConfiguration>();
            return new PostgreSqlStorage(new DataSourceConnectionFactory(provider.GetRequiredService<NpgsqlDataSource>()), new PostgreSqlStorageOptions
            {
                SchemaName = Schema,
                PrepareSchemaIfNecessary = true,
                // Plain polling: with Hangfire.PostgreSql's LISTEN/NOTIFY long polling (EnableLongPolling) over the pooled
                // data source, workers here stopped fetching after the first job.
                QueuePollInterval = TimeSpan.FromSeconds(Math.Max(1, options.QueuePollSeconds)),
            });
        });
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
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
