using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// An API client on BotPBX's /ws, as seed 003 describes it: auth with the login token, subscribe to patterns, then
/// read events. Every message received is kept, so a test can wait for one and then look at all of them.
/// </summary>
public sealed class LiveFeedClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly List<JsonObject> _received = [];
    private readonly SemaphoreSlim _arrived = new(0, int.MaxValue);
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;

    public IReadOnlyList<JsonObject> Received
    {
        get
        {
            lock (_received) return [.. _received];
        }
    }

    public static async Task<LiveFeedClient> ConnectAsync(BotPbxService api, params string[] patterns)
    {
        var client = new LiveFeedClient();
        await client._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{api.Port}/ws"), CancellationToken.None);
        var token = api.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        client._reader = client.ReadLoopAsync();
        await client.SendAsync(new JsonObject { ["type"] = "auth", ["token"] = token });
        await client.WaitForAsync(m => m["type"]?.ToString() == "auth_ok", TimeSpan.FromSeconds(10), "auth_ok");
        await client.SendAsync(new JsonObject { ["type"] = "subscribe", ["events"] = new JsonArray([.. patterns.Select(p => JsonValue.Create(p))]) });
        await client.WaitForAsync(m => m["type"]?.ToString() == "subscribed", TimeSpan.FromSeconds(10), "subscribed");
        return client;
    }

    /// <summary>The data of the first event named <paramref name="name"/> matching <paramref name="where"/> (already received or to come).</summary>
    public async Task<JsonObject> EventAsync(string name, Func<JsonObject, bool>? where = null, TimeSpan? limit = null)
    {
        var message = await WaitForAsync(m => m["event"]?.ToString() == name && (where is null || where(m["data"]!.AsObject())),
            limit ?? TimeSpan.FromSeconds(20), name);
        return message["data"]!.AsObject();
    }

    public IEnumerable<JsonObject> Events(string name) =>
        Received.Where(m => m["event"]?.ToString() == name).Select(m => m["data"]!.AsObject());

    private async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var found = Received.FirstOrDefault(match);
            if (found is not null) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || _reader.IsCompleted)
            {
                throw new TimeoutException($"no {what} on /ws within {limit} (received: {string.Join(" | ", Received.Select(m => m.ToJsonString()))}; "
                    + $"socket {_socket.State} {_socket.CloseStatus} {_socket.CloseStatusDescription})");
            }
            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250));
        }
    }

    private Task SendAsync(JsonObject message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                    length += result.Count;
                } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close) return;
                var message = JsonNode.Parse(buffer.AsSpan(0, length))!.AsObject();
                lock (_received) _received.Add(message);
                _arrived.Release();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        await _reader;
        _socket.Dispose();
        _arrived.Dispose();
        _stop.Dispose();
    }

    public override string ToString() => string.Join(Environment.NewLine, Received.Select(m => m.ToJsonString(new JsonSerializerOptions())));
}
