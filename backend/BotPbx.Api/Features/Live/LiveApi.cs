using System.Net.WebSockets;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Problems;
using BotPbx.Telephony.Live;
using BotPbx.Voice.Agents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Live;

/// <summary>One live channel as <c>GET /api/system/channels</c> lists it: CoreShowChannel's fields, plus its call and age.</summary>
public sealed record SystemChannel(string Channel, string Uniqueid, string CallId, string State, string CallerIdNum, string CallerIdName,
    string ConnectedLineNum, string ConnectedLineName, string Context, string Exten, string Application, string ApplicationData,
    string? BridgeId, int DurationSeconds, DateTimeOffset CreatedAt);

public sealed record SystemChannelsResponse(IReadOnlyList<SystemChannel> Channels, int Total, bool Connected, DateTimeOffset? SyncedAt);

public sealed record LiveCallsResponse(IReadOnlyList<LiveCallView> Items, DateTimeOffset ServerTime);

public sealed record LiveExtensionsResponse(IReadOnlyList<LiveExtensionView> Items);

public sealed record LiveQueueItem(LiveQueueView Queue, int LongestWait);

public sealed record LiveQueuesResponse(IReadOnlyList<LiveQueueItem> Items, DateTimeOffset ServerTime);

public static class LiveApi
{
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<LiveDirectorySource>();
        services.AddSingleton<LiveTokenAuthenticator>();
        services.AddSingleton<LiveHubDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveHubDispatcher>());
        services.AddSingleton<LiveEventBus>();
        services.AddSingleton<ILiveEvents>(sp => sp.GetRequiredService<LiveEventBus>());
        services.AddSingleton<LiveFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());
        services.AddSingleton<IConversationListener, LiveConversationListener>();
        return services;
    }

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapHub<LiveHub>(LiveHub.Path);
        // Authentication is the protocol's first message (seed 003), not the upgrade request: the endpoint itself is
        // open, and the session closes any connection that does not authenticate at once.
        app.Map("/ws", WebSocketAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/api/system/channels", Channels).RequireAuthorization(Policies.Supervisor).ProducesAuthProblems()
            .WithTags("System").WithName("SystemChannels").WithSummary("Live Asterisk channels (as CoreShowChannels), from the live model");
        var live = app.MapGroup("/api/live").WithTags("Live").RequireAuthorization(Policies.Agent).ProducesAuthProblems();
        live.MapGet("/calls", Calls).WithName("LiveCalls").WithSummary("Live calls this user may see (agents: their extensions' calls)");
        live.MapGet("/extensions", Extensions).WithName("LiveExtensions").WithSummary("Presence of every extension");
        live.MapGet("/queues", Queues).WithName("LiveQueues").WithSummary("Queue wallboard (agents: queues they are members of)");
        return app;
    }

    private static Ok<SystemChannelsResponse> Channels(LiveFeed feed, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var channels = feed.Model.Channels().Select(c => new SystemChannel(c.Channel, c.Uniqueid, c.Linkedid, c.State, c.CallerIdNum, c.CallerIdName,
            c.ConnectedLineNum, c.ConnectedLineName, c.Context, c.Exten, c.Application, c.ApplicationData, c.BridgeId,
            (int)Math.Max(0, (now - c.CreatedAt).TotalSeconds), c.CreatedAt)).ToList();
        return TypedResults.Ok(new SystemChannelsResponse(channels, channels.Count, feed.Connected, feed.SyncedAt));
    }

    private static Ok<LiveCallsResponse> Calls(HttpContext http, LiveFeed feed, TimeProvider time) =>
        TypedResults.Ok(new LiveCallsResponse(feed.Calls(feed.Viewer(http.User)), time.GetUtcNow()));

    private static Ok<LiveExtensionsResponse> Extensions(LiveFeed feed) => TypedResults.Ok(new LiveExtensionsResponse(feed.Model.Extensions()));

    private static Ok<LiveQueuesResponse> Queues(HttpContext http, LiveFeed feed, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return TypedResults.Ok(new LiveQueuesResponse([.. feed.Queues(feed.Viewer(http.User)).Select(q => new LiveQueueItem(q, q.LongestWaitSeconds(now)))], now));
    }

    private static async Task WebSocketAsync(HttpContext http, LiveTokenAuthenticator authenticator, LiveEventBus bus, LiveFeed feed, ILoggerFactory loggers)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "WebSocket expected",
                detail: "/ws is seed 003's event feed: open it as a WebSocket and send {\"type\":\"auth\",\"token\":\"…\"} first.").ExecuteAsync(http);
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var session = new LiveWebSocketSession(socket, authenticator, bus, feed, loggers.CreateLogger<LiveWebSocketSession>());
        try
        {
            await session.RunAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }
}
