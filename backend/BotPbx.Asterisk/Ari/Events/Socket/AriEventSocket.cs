using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace BotPbx.Asterisk.Ari;

/// <summary>One websocket connection to <c>/ari/events</c>: the upgrade, then a read loop that turns every text
/// message into an event. Asterisk sends one unmasked text frame per event and sometimes several per TCP read
/// (fixture ari-stasis-call-websocket); ClientWebSocket does the framing, this class the message limits.</summary>
internal sealed class AriEventSocket : IDisposable
{
    private const int InitialBufferBytes = 16 * 1024;
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);
    private readonly ClientWebSocket socket;
    private readonly int maxEventBytes;

    private AriEventSocket(ClientWebSocket socket, int maxEventBytes)
    {
        this.socket = socket;
        this.maxEventBytes = maxEventBytes;
    }

    /// <exception cref="AriException">Asterisk refused the upgrade (401 bad credentials, 400 no app).</exception>
    /// <exception cref="AriTransportException">No connection, TLS failure, or not a websocket answer.</exception>
    /// <exception cref="TimeoutException">The upgrade took longer than <see cref="AriOptions.ConnectTimeout"/>.</exception>
    public static async Task<AriEventSocket> ConnectAsync(AriOptions options, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        var uri = AriUris.Events(options);
        try
        {
            Configure(socket.Options, options);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(uri, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"ARI websocket upgrade to {uri.GetLeftPart(UriPartial.Path)} took longer than {options.ConnectTimeout.TotalSeconds:0.###} s.");
            }
            catch (WebSocketException) when (socket.HttpStatusCode is not 0 and not HttpStatusCode.SwitchingProtocols)
            {
                // The body (e.g. {"message":"Authentication required"}) is not exposed by ClientWebSocket.
                throw new AriException(socket.HttpStatusCode, "websocket upgrade refused", "GET", uri.PathAndQuery);
            }
            catch (WebSocketException e)
            {
                throw new AriTransportException($"ARI websocket upgrade to {uri.GetLeftPart(UriPartial.Path)} failed: {e.Message}", e);
            }
            return new AriEventSocket(socket, options.MaxEventBytes);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void Configure(ClientWebSocketOptions socket, AriOptions options)
    {
        socket.SetRequestHeader("Authorization", AriAuthorization.Header(options).ToString());
        socket.CollectHttpResponseDetails = true;
        socket.KeepAliveInterval = options.KeepAliveInterval;
        // With a timeout, .NET sends real pings and aborts when no pong returns (Asterisk answers pings, fixture
        // ari-stasis-call-websocket); without one it would only send unsolicited pongs and never notice a dead peer.
        socket.KeepAliveTimeout = options.KeepAliveTimeout > TimeSpan.Zero ? options.KeepAliveTimeout : Timeout.InfiniteTimeSpan;
        socket.RemoteCertificateValidationCallback = AriCertificatePolicy.Create(options);
        socket.Proxy = null;
    }

    /// <summary>Sends our close (1000) without waiting; the read loop then sees Asterisk's echo and ends.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (socket.State != WebSocketState.Open)
            return;
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "client stopping", cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            // Already broken: the read loop reports that.
        }
    }

    /// <summary>Reads events into <paramref name="events"/> until the connection ends, and says why it ended.
    /// Never returns normally while the connection is healthy. Writing waits when the buffer is full
    /// (back-pressure: see docs/protocols/ari.md, "Slow consumers").</summary>
    public async Task<Exception> ReadEventsAsync(ChannelWriter<AriEvent> events, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferBytes, maxEventBytes));
        try
        {
            var count = 0;
            while (true)
            {
                var limit = Math.Min(buffer.Length, maxEventBytes);
                if (count == limit)
                {
                    if (limit == maxEventBytes)
                        return await FailAsync(WebSocketCloseStatus.MessageTooBig, new AriProtocolException($"ARI event larger than {maxEventBytes} bytes.")).ConfigureAwait(false);
                    buffer = Grow(buffer, Math.Min(buffer.Length * 2, maxEventBytes));
                }
                limit = Math.Min(buffer.Length, maxEventBytes);
                var result = await socket.ReceiveAsync(buffer.AsMemory(count, limit - count), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                    return await ClosedByPeerAsync().ConfigureAwait(false);
                if (result.MessageType != WebSocketMessageType.Text)
                    return await FailAsync(WebSocketCloseStatus.InvalidMessageType, new AriProtocolException("ARI sent a binary frame; events are text.")).ConfigureAwait(false);
                count += result.Count;
                if (!result.EndOfMessage)
                    continue;
                AriEvent parsed;
                try
                {
                    parsed = AriEventParser.Parse(buffer.AsSpan(0, count));
                }
                catch (AriProtocolException e)
                {
                    return await FailAsync(WebSocketCloseStatus.InvalidPayloadData, e).ConfigureAwait(false);
                }
                count = 0;
                await events.WriteAsync(parsed, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (WebSocketException e)
        {
            // Malformed frame or reset connection: ClientWebSocket has aborted.
            return new AriTransportException("ARI event socket broke: " + e.Message, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // No pong within KeepAliveTimeout: ManagedWebSocket aborts and reports "Aborted" as a cancellation
            // wrapping the WebSocketException. It is a dead peer, not our stop.
            return new AriTransportException("ARI event socket broke: " + (e.InnerException?.InnerException?.Message ?? e.Message), e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan().CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }

    private async Task<Exception> ClosedByPeerAsync()
    {
        var status = socket.CloseStatus;
        var description = socket.CloseStatusDescription;
        if (socket.State == WebSocketState.CloseReceived)
        {
            // Asterisk started the close: answer it, as it answers ours (fixture: close 1000 is echoed).
            using var deadline = new CancellationTokenSource(CloseTimeout);
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The peer is gone already; nothing more to say to it.
            }
        }
        return new AriTransportException($"ARI closed the event socket ({(int?)status} {description}).");
    }

    /// <summary>The one way to die on bad input: close with a code that says why, then report the error.</summary>
    private async Task<Exception> FailAsync(WebSocketCloseStatus status, Exception error)
    {
        using var deadline = new CancellationTokenSource(CloseTimeout);
        try
        {
            await socket.CloseOutputAsync(status, null, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Closing is a courtesy; the socket is disposed right after.
        }
        return error;
    }

    public void Dispose() => socket.Dispose();
}
