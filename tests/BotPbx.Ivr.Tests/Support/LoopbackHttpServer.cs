using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BotPbx.Ivr.Tests.Support;

/// <summary>A received HTTP request: method, path with query, headers (lower-case names) and body.</summary>
public sealed record ReceivedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>What the server answers; <see cref="Delay"/> holds the answer back (for timeouts).</summary>
public sealed record CannedResponse(int Status, string Body = "", string? Location = null, TimeSpan Delay = default, string ContentType = "application/json");

/// <summary>A minimal HTTP/1.1 server on a free 127.0.0.1 port, one response per connection, for the httpRequest node's tests.</summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<ReceivedRequest, CannedResponse> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackHttpServer(Func<ReceivedRequest, CannedResponse> respond)
    {
        _respond = respond;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public List<ReceivedRequest> Requests { get; } = [];

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream);
                lock (Requests) Requests.Add(request);
                var response = _respond(request);
                if (response.Delay > TimeSpan.Zero) await Task.Delay(response.Delay, _stop.Token);
                var body = Encoding.UTF8.GetBytes(response.Body);
                var head = new StringBuilder($"HTTP/1.1 {response.Status} X\r\nContent-Type: {response.ContentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n");
                if (response.Location is not null) head.Append("Location: ").Append(response.Location).Append("\r\n");
                head.Append("\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
            {
                // The client gave up (timeout tests) or the server is stopping.
            }
        }
    }

    private static async Task<ReceivedRequest> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(buffer) && buffer.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one) == 0) break;
            buffer.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString([.. buffer]).Split("\r\n");
        var parts = lines[0].Split(' ');
        var headers = lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var body = "";
        if (headers.TryGetValue("content-length", out var length) && int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) is > 0 and var n)
        {
            var bytes = new byte[n];
            await stream.ReadExactlyAsync(bytes);
            body = Encoding.UTF8.GetString(bytes);
        }
        return new ReceivedRequest(parts[0], parts[1], headers, body);
    }

    private static bool EndsWithBlankLine(List<byte> b) =>
        b.Count >= 4 && b[^4] == '\r' && b[^3] == '\n' && b[^2] == '\r' && b[^1] == '\n';

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
