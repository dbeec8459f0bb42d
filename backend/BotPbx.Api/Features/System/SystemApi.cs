using System.Reflection;
using System.Text.Json.Serialization;
using BotPbx.Api.Hosting;
using BotPbx.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

// Namespace is not "…Features.System": that would shadow the System namespace inside every feature.
namespace BotPbx.Api.Features.SystemStatus;

public sealed record HealthResponse(string Status, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Database = null);

public sealed record AsteriskStatus(AmiStatus Ami, AriConnectionStatus Ari, ListenerStatus Agi, ListenerStatus AudioSocket);

public sealed record SystemStatusResponse(string Version, DateTimeOffset StartedAt, long UptimeSeconds, DatabaseStatus Database,
    AsteriskStatus Asterisk);

/// <summary>When this process started, for uptime.</summary>
public sealed class ProcessClock(TimeProvider time)
{
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();
}

public static class SystemApi
{
    public static readonly string Version =
        typeof(SystemApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public static IServiceCollection AddSystemStatus(this IServiceCollection services)
    {
        services.AddSingleton<ProcessClock>();
        services.AddSingleton<DatabaseProbe>();
        services.AddSingleton<IAsteriskStatusSource, NotConfiguredAsteriskStatusSource>();
        return services;
    }

    public static IEndpointRouteBuilder MapSystemApi(this IEndpointRouteBuilder app)
    {
        // Resolve the clock now, at start-up: created lazily it would count uptime from the first status request.
        _ = app.ServiceProvider.GetRequiredService<ProcessClock>();
        app.MapGet("/api/health", HealthAsync).AllowAnonymous().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithTags("System")
            .WithName("Health").WithSummary("Liveness for monitors and the installer; public");
        app.MapGet("/api/system/status", StatusAsync).RequireAuthorization(Auth.Policies.Agent).ProducesAuthProblems()
            .WithTags("System")
            .WithName("SystemStatus").WithSummary("Version, uptime, database and Asterisk connection state");
        return app;
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> HealthAsync(
        DatabaseProbe probe, CancellationToken cancellationToken)
    {
        var database = await probe.CheckAsync(cancellationToken);
        return database.State == "up"
            ? TypedResults.Ok(new HealthResponse("ok"))
            : TypedResults.Json(new HealthResponse("degraded", "down"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Ok<SystemStatusResponse>> StatusAsync(
        DatabaseProbe probe, IAsteriskStatusSource asterisk, AriClientHost ari, FastAgiHostedService agi, AudioSocketHostedService audio,
        ProcessClock clock, TimeProvider time, CancellationToken cancellationToken)
    {
        var database = await probe.CheckAsync(cancellationToken);
        var uptime = (long)(time.GetUtcNow() - clock.StartedAt).TotalSeconds;
        return TypedResults.Ok(new SystemStatusResponse(Version, clock.StartedAt, uptime, database,
            new AsteriskStatus(asterisk.GetAmiStatus(), ari.Status,
                new ListenerStatus(agi.LocalEndPoint is not null, agi.LocalEndPoint?.ToString(), agi.ActiveSessions),
                new ListenerStatus(audio.LocalEndPoint is not null, audio.LocalEndPoint?.ToString(), audio.ActiveSessions))));
    }
}
