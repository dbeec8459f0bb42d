using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using BotPbx.Api.Features.Auth;

namespace BotPbx.Api.Features.Live;

/// <summary>
/// One API client on <c>/ws</c>, speaking seed 003's protocol: the first message must be
/// <c>{"type":"auth","token":"…"}</c> (within <see cref="AuthTimeout"/>); then <c>{"type":"subscribe","events":[…]}</c>,
/// <c>{"type":"unsubscribe","events":[…]}</c> and <c>{"type":"ping"}</c>. The server sends events as
/// <c>{"event":"call.new","data":{…}}</c> and answers control messages with <c>{"type":"auth_ok"|"subscribed"|"unsubscribed"|"pong",…}</c>.
/// Anything else closes the connection with a close status and a reason saying what was wrong: 1008 (policy) for a
/// missing or bad auth, an unknown type or bad patterns; 1007 for text that is not a JSON object; 1003 for binary
/// frames; 1009 for a message over <see cref="MaxMessageBytes"/>; 1008 when the client reads too slowly to keep up or
/// its session ends (logout, password change, user disabled).
/// </summary>
public sealed partial class LiveWebSocketSession(
    WebSocket socket, LiveTokenAuthenticator authenticator, LiveEventBus bus, LiveFeed feed, ILogger logger) : IDisposable
{
    public const int MaxMessageBytes = 16 * 1024;
    public const int MaxPatterns = 50;
    public const int QueueCapacity = 10_000;
    public static readonly TimeSpan AuthTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan SessionCheckInterval = TimeSpan.FromSeconds(30);

    // A WebSocket allows one send at a time; replies (receive loop) and events (send loop) take turns.
    private readonly SemaphoreSlim _sending = new(1, 1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var authDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        authDeadline.CancelAfter(AuthTimeout);
        Message? first;
        try
        {
            first = await ReceiveAsync(authDeadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await CloseAsync(WebSocketCloseStatus.PolicyViolation, "authentication required: send {\"type\":\"auth\",\"token\":\"…\"} first", cancellationToken);
            return;
        }
        if (first is null) return;
        if (first.Type != "auth")
        {
            await CloseAsync(WebSocketCloseStatus.PolicyViolation, "authentication required: the first message must be {\"type\":\"auth\",\"token\":\"…\"}", cancellationToken);
            return;
        }
        var session = first.Token is { } token ? await authenticator.AuthenticateAsync(token, cancellationToken) : null;
        if (session is null)
        {
            await CloseAsync(WebSocketCloseStatus.PolicyViolation, "authentication failed: invalid or expired token", cancellationToken);
            return;
        }
        var viewer = feed.Viewer(session.UserId, session.Role);
        var subscriber = new LiveSubscriber(viewer, QueueCapacity);
        using var registration = bus.Add(subscriber);
        LogConnected(logger, session.UserId, session.Role);
        await SendAsync(new { type = "auth_ok", user = new { id = session.UserId, email = session.Email, role = session.Role }, extensions = viewer.Extensions.Order() },
            cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sender = SendLoopAsync(subscriber, session.SessionId, stop.Token);
        try
        {
            await ReceiveLoopAsync(subscriber, stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            await sender;
        }
    }

    private async Task ReceiveLoopAsync(LiveSubscriber subscriber, CancellationToken cancellationToken)
    {
        while (await ReceiveAsync(cancellationToken) is { } message)
        {
            switch (message.Type)
            {
                case "subscribe" or "unsubscribe":
                    if (message.Events is not { Count: > 0 and <= MaxPatterns } patterns || !patterns.All(LiveTopicPattern.IsValid))
                    {
                        await CloseAsync(WebSocketCloseStatus.PolicyViolation,
                            $"invalid {message.Type}: \"events\" must be 1 to {MaxPatterns} patterns such as \"call.*\", \"extension.1001.*\"", cancellationToken);
                        return;
                    }
                    if (message.Type == "subscribe") subscriber.Subscribe(patterns);
                    else subscriber.Unsubscribe(patterns);
                    await SendAsync(new { type = message.Type + "d", events = subscriber.Patterns }, cancellationToken);
                    break;
                case "ping":
                    await SendAsync(new { type = "pong" }, cancellationToken);
                    break;
                case "auth":
                    await CloseAsync(WebSocketCloseStatus.PolicyViolation, "already authenticated", cancellationToken);
                    return;
                default:
                    await CloseAsync(WebSocketCloseStatus.PolicyViolation, $"unknown message type \"{Printable(message.Type)}\": expected subscribe, unsubscribe or ping", cancellationToken);
                    return;
            }
        }
    }

    private async Task SendLoopAsync(LiveSubscriber subscriber, Guid sessionId, CancellationToken cancellationToken)
    {
        var nextCheck = DateTime.UtcNow + SessionCheckInterval;
        try
        {
            while (true)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                tick.CancelAfter(SessionCheckInterval);
                bool more;
                try
                {
                    more = await subscriber.Queue.Reader.WaitToReadAsync(tick.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    more = true;
                }
                if (!more)
                {
                    LogTooSlow(logger, QueueCapacity);
                    await CloseAsync(WebSocketCloseStatus.PolicyViolation, $"client too slow: more than {QueueCapacity} events waiting", cancellationToken);
                    return;
                }
                while (subscriber.Queue.Reader.TryRead(out var liveEvent))
                {
                    await SendBytesAsync(liveEvent.Json, cancellationToken);
                }
                if (DateTime.UtcNow >= nextCheck)
                {
                    nextCheck = DateTime.UtcNow + SessionCheckInterval;
                    if (!await authenticator.IsActiveAsync(sessionId, cancellationToken))
                    {
                        await CloseAsync(WebSocketCloseStatus.PolicyViolation, "session ended: sign in again", cancellationToken);
                        return;
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }

    /// <summary>The next control message; null when the client closed (or was closed for a bad message).</summary>
    private async Task<Message?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxMessageBytes + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length > MaxMessageBytes)
                {
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"message too big: at most {MaxMessageBytes} bytes", cancellationToken);
                    return null;
                }
                ValueWebSocketReceiveResult result;
                try
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length, MaxMessageBytes + 1 - length), cancellationToken);
                }
                catch (WebSocketException)
                {
                    return null;
                }
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);
                    return null;
                }
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    await CloseAsync(WebSocketCloseStatus.InvalidMessageType, "text frames only: send JSON messages", cancellationToken);
                    return null;
                }
                length += result.Count;
                if (result.EndOfMessage) break;
            }
            if (Parse(buffer.AsSpan(0, length)) is { } message) return message;
            await CloseAsync(WebSocketCloseStatus.InvalidPayloadData, "invalid message: expected a JSON object with a \"type\"", cancellationToken);
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Message? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String) return null;
            string? token = root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            List<string>? events = null;
            if (root.TryGetProperty("events", out var e))
            {
                if (e.ValueKind != JsonValueKind.Array) events = [];
                else events = [.. e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : "")];
            }
            return new Message(type.GetString()!, token, events);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task SendAsync(object message, CancellationToken cancellationToken)
    {
        await SendBytesAsync(JsonSerializer.SerializeToUtf8Bytes(message, LiveJson.Options), cancellationToken);
    }

    private async Task SendBytesAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        try
        {
            // A close reason is at most 123 bytes (RFC 6455 §5.5: control payload ≤ 125, 2 for the code).
            var text = reason.Length > 120 ? reason[..120] : reason;
            await _sending.WaitAsync(cancellationToken);
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived) await socket.CloseOutputAsync(status, text, cancellationToken);
            }
            finally
            {
                _sending.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
    }

    public void Dispose() => _sending.Dispose();

    private static string Printable(string text) => new([.. text.Where(c => c is >= ' ' and <= '~').Take(40)]);

    private sealed record Message(string Type, string? Token, List<string>? Events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live /ws: user {UserId} ({Role}) connected")]
    private static partial void LogConnected(ILogger logger, long userId, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live /ws: a client read too slowly ({Capacity} events waiting); closed")]
    private static partial void LogTooSlow(ILogger logger, int capacity);
}
