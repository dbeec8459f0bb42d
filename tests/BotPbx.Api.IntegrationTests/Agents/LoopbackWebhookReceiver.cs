using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BotPbx.Api.IntegrationTests.Agents;

/// <summary>A webhook receiver on 127.0.0.1: answers each POST with the next scripted status (then 200) and keeps what it got.</summary>
public sealed class LoopbackWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses = new();

    public sealed record Received(string Path, string Body, byte[] Bytes, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At, int Answered);

    public ConcurrentQueue<Received> Requests { get; } = new();

    private LoopbackWebhookReceiver(WebApplication app) => _app = app;

    public string Url(string path) => _app.Urls.First().TrimEnd('/') + path;

    /// <summary>Statuses for the next requests, in order; 200 once they run out (or <see cref="Always"/> when set).</summary>
    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses) _statuses.Enqueue(status);
    }

    public int? Always { get; set; }

    public static async Task<LoopbackWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new LoopbackWebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var status = receiver.Always ?? (receiver._statuses.TryDequeue(out var next) ? next : 200);
            var bytes = buffer.ToArray();
            receiver.Requests.Enqueue(new Received(context.Request.Path, System.Text.Encoding.UTF8.GetString(bytes), bytes,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), DateTimeOffset.UtcNow, status));
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        return receiver;
    }

    public async Task<IReadOnlyList<Received>> WaitForAsync(Func<IReadOnlyList<Received>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var seen = Requests.ToList();
            if (done(seen)) return seen;
            await Task.Delay(50);
        }
        return Requests.ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
