using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace BotPbx.Api.Features.Live;

/// <summary>
/// Sends hub messages in the order they were made, from one task: the feed's loop never waits on a browser, and a
/// delta can never overtake an older one.
/// </summary>
public sealed partial class LiveHubDispatcher(IHubContext<LiveHub> hub, ILogger<LiveHubDispatcher> logger) : BackgroundService
{
    private readonly Channel<Message> _queue = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });

    public void Send(string method, object payload, LiveAudience audience) => _queue.Writer.TryWrite(new Message(method, payload, audience));

    /// <summary>A seed 003 event published by another feature (the model's own go out as deltas instead).</summary>
    public void Event(LiveEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        Send("event", new { @event = liveEvent.Name, data = liveEvent.Data }, liveEvent.Audience);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await hub.Clients.Groups(Groups(message.Audience)).SendAsync(message.Method, message.Payload, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogSendFailed(logger, message.Method, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static List<string> Groups(LiveAudience audience)
    {
        var groups = new List<string> { LiveHub.StaffGroup };
        if (audience.Everyone) groups.Add(LiveHub.AgentsGroup);
        else groups.AddRange(audience.Extensions.Select(LiveHub.ExtensionGroup));
        return groups;
    }

    private sealed record Message(string Method, object Payload, LiveAudience Audience);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live hub: sending {Method} failed")]
    private static partial void LogSendFailed(ILogger logger, string method, Exception exception);
}
