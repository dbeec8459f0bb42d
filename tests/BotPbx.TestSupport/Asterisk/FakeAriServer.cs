using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace BotPbx.TestSupport.Asterisk;

/// <summary>A scripted ARI peer on 127.0.0.1: raw TCP (or TLS with a given certificate) speaking HTTP/1.1 with
/// keep-alive and the websocket handshake and framing byte for byte. REST answers are replayed from the recorded
/// captures; every request is recorded so tests can assert method, path, query, Authorization and body.</summary>
public sealed class FakeAriServer : IAsyncDisposable
{
    private static readonly byte[] ResourceNotFound = FakeAriResponses.Json(404, "Not Found", """{"message":"Resource not found"}""");
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2? certificate;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> responses = new();
    private readonly ConcurrentQueue<FakeAriWebSocketSession> sessions = new();
    private readonly List<FakeAriRequest> requests = [];
    private readonly List<FakeAriWebSocketPeer> peers = [];
    private readonly ConcurrentBag<Task> connections = [];
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? acceptLoop;

    private FakeAriServer(X509Certificate2? certificate) => this.certificate = certificate;

    /// <summary>Starts listening on a free loopback port; with a certificate every connection is TLS.</summary>
    public static FakeAriServer Start(X509Certificate2? certificate = null)
    {
        var server = new FakeAriServer(certificate);
        server.listener.Start();
        server.acceptLoop = server.AcceptAsync();
        return server;
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary><c>http://127.0.0.1:port/ari</c> or <c>https://…</c>.</summary>
    public Uri BaseUrl => new($"{(certificate is null ? "http" : "https")}://127.0.0.1:{Port}/ari");

    /// <summary>Write every REST answer one byte at a time (framing must not depend on TCP read sizes).</summary>
    public bool WriteResponsesByteByByte { get; set; }

    public IReadOnlyList<FakeAriRequest> Requests
    {
        get { lock (requests) return requests.ToArray(); }
    }

    public IReadOnlyList<FakeAriWebSocketPeer> Peers
    {
        get { lock (requests) return peers.ToArray(); }
    }

    /// <summary>Answers the request with these bytes. The match ignores escaping and query order (Asterisk decodes
    /// both). Several answers for one request are used in turn; the last one keeps answering.</summary>
    public void Respond(string method, string target, byte[] response) =>
        responses.GetOrAdd(FakeAriRequest.Normalize(method, target), _ => new()).Enqueue(response);

    /// <summary>Every request of an HTTP capture gets its recorded answer.</summary>
    public void RespondFromFixture(FakeAriFixture fixture)
    {
        foreach (var exchange in fixture.Exchanges())
        {
            var (method, target) = exchange.RequestLine;
            if (!target.StartsWith("/ari/events", StringComparison.Ordinal))
                Respond(method, target, exchange.Response);
        }
    }

    /// <summary>What the next websocket upgrade gets; when none is queued the upgrade is accepted and held open.</summary>
    public void EnqueueWebSocket(FakeAriWebSocketSession session) => sessions.Enqueue(session);

    /// <summary>Waits until <paramref name="condition"/> holds for the recorded requests.</summary>
    public async Task<IReadOnlyList<FakeAriRequest>> WaitForRequestsAsync(Func<IReadOnlyList<FakeAriRequest>, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (requests)
            {
                if (condition(requests))
                    return requests.ToArray();
                signal = changed.Task;
            }
            await signal.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The <paramref name="index"/>-th accepted websocket (0 = the first connection).</summary>
    public async Task<FakeAriWebSocketPeer> WaitForPeerAsync(int index, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (requests)
            {
                if (peers.Count > index)
                    return peers[index];
                signal = changed.Task;
            }
            await signal.WaitAsync(cancellationToken);
        }
    }

    private void Record(FakeAriRequest? request, FakeAriWebSocketPeer? peer)
    {
        lock (requests)
        {
            if (request is not null)
                requests.Add(request);
            if (peer is not null)
                peers.Add(peer);
            changed.TrySetResult();
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                connections.Add(Task.Run(() => ServeAsync(client, stop.Token)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using var _ = client;
        client.NoDelay = true;
        try
        {
            Stream stream = client.GetStream();
            if (certificate is not null)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, cancellationToken);
                stream = tls;
            }
            await using (stream)
            {
                var reader = new FakeAriConnectionReader(stream);
                while (await reader.ReadRequestAsync(cancellationToken) is { } request)
                {
                    Record(request, null);
                    if (request.IsWebSocketUpgrade)
                    {
                        await ServeWebSocketAsync(stream, reader, request, cancellationToken);
                        return;
                    }
                    await WriteAsync(stream, Answer(request), cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            // The client went away, refused our certificate, or the server is stopping.
        }
    }

    private byte[] Answer(FakeAriRequest request)
    {
        if (!responses.TryGetValue(FakeAriRequest.Normalize(request.Method, request.Target), out var queue))
            return ResourceNotFound;
        if (queue.Count > 1 && queue.TryDequeue(out var next))
            return next;
        return queue.TryPeek(out var last) ? last : ResourceNotFound;
    }

    private async Task ServeWebSocketAsync(Stream stream, FakeAriConnectionReader reader, FakeAriRequest upgrade, CancellationToken cancellationToken)
    {
        var session = sessions.TryDequeue(out var queued) ? queued : FakeAriWebSocketSession.HoldOpen();
        if (session.Rejection is { } rejection)
        {
            await WriteAsync(stream, rejection, cancellationToken);
            return;
        }
        await WriteAsync(stream, FakeAriWebSocketPeer.SwitchingProtocols(upgrade), cancellationToken);
        var peer = new FakeAriWebSocketPeer(stream, reader, upgrade, session.AnswerPings);
        Record(null, peer);
        var readLoop = peer.ReadClientFramesAsync(cancellationToken);
        try
        {
            await session.Script!(peer, cancellationToken);
        }
        finally
        {
            // Script done: the TCP connection closes (disposing the stream ends the read loop too).
            await stream.DisposeAsync();
            await readLoop;
            peer.Dispose();
        }
    }

    private async Task WriteAsync(Stream stream, byte[] bytes, CancellationToken cancellationToken)
    {
        if (!WriteResponsesByteByByte)
            await stream.WriteAsync(bytes, cancellationToken);
        else
        {
            for (var i = 0; i < bytes.Length; i++)
                await stream.WriteAsync(bytes.AsMemory(i, 1), cancellationToken);
        }
        await stream.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        if (acceptLoop is not null)
            await acceptLoop;
        await Task.WhenAll(connections.ToArray());
        stop.Dispose();
    }
}

/// <summary>Hand-made answers in Asterisk's exact header layout (fixture ari-stasis-call-rest).</summary>
public static class FakeAriResponses
{
    public static byte[] Json(int status, string reason, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = $"HTTP/1.1 {status} {reason}\r\nServer: Asterisk/22.10.1\r\nDate: Sat, 21 Nov 2026 05:45:52 GMT\r\n"
            + $"Cache-Control: no-cache, no-store\r\nContent-type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }

    public static byte[] NoContent() => Encoding.ASCII.GetBytes(
        "HTTP/1.1 204 No Content\r\nServer: Asterisk/22.10.1\r\nDate: Sat, 21 Nov 2026 05:45:52 GMT\r\n"
        + "Cache-Control: no-cache, no-store\r\nContent-Length: 0\r\n\r\n");
}
