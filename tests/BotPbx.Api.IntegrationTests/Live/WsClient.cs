using System.Net.WebSockets;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BotPbx.Api.IntegrationTests.Live;

/// <summary>A seed 003 /ws client over the in-memory server: sends JSON text, reads JSON messages and the close.</summary>
internal sealed class WsClient(WebSocket socket) : IAsyncDisposable
{
    public static async Task<WsClient> ConnectAsync(WebApplicationFactory<Program> factory)
    {
        var client = factory.Server.CreateWebSocketClient();
        var socket = await client.ConnectAsync(new Uri(factory.Server.BaseAddress, "/ws"), CancellationToken.None);
        return new WsClient(socket);
    }

    public WebSocket Socket => socket;

    public Task SendAsync(string json) => socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    public async Task<WsClient> AuthenticateAsync(string token)
    {
        await SendAsync($$"""{"type":"auth","token":"{{token}}"}""");
        var ok = await NextAsync();
        Assert.Equal("auth_ok", ok.GetProperty("type").GetString());
        return this;
    }

    /// <summary>The next message, or a failed assertion after <paramref name="seconds"/>.</summary>
    public async Task<JsonElement> NextAsync(int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            Assert.False(result.MessageType == WebSocketMessageType.Close, $"closed: {socket.CloseStatus} {socket.CloseStatusDescription}");
            length += result.Count;
            if (result.EndOfMessage) break;
        }
        return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
    }

    /// <summary>The next event named <paramref name="name"/>, skipping others.</summary>
    public async Task<JsonElement> NextEventAsync(string name, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var left = (int)Math.Ceiling((deadline - DateTime.UtcNow).TotalSeconds);
            Assert.True(left > 0, "no " + name + " event");
            var message = await NextAsync(left);
            if (message.TryGetProperty("event", out var e) && e.GetString() == name) return message.GetProperty("data");
        }
    }

    /// <summary>The events received within <paramref name="window"/> (the socket stays usable afterwards only if none was partial).</summary>
    public async Task<List<JsonElement>> DrainAsync(TimeSpan window)
    {
        var events = new List<JsonElement>();
        var deadline = DateTime.UtcNow + window;
        while (DateTime.UtcNow < deadline)
        {
            using var timeout = new CancellationTokenSource(deadline - DateTime.UtcNow);
            var buffer = new byte[64 * 1024];
            try
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                events.Add(JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement.Clone());
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return events;
    }

    /// <summary>Waits for the server's close and returns its status and reason.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> ClosedAsync(int seconds = 15)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) return (socket.CloseStatus, socket.CloseStatusDescription);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception)
            {
            }
        }
        socket.Dispose();
    }
}
