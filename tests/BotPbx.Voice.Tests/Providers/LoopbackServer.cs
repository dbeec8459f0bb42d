using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BotPbx.Voice.Tests.Providers;

/// <summary>
/// A vendor impersonated on 127.0.0.1 (free port): Kestrel with WebSockets, routes supplied by the test. Each test
/// writes the vendor's own bytes (SSE, JSON, PCM, WAV, WebSocket messages) so the client meets its real wire format.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly List<string> _requests;

    private LoopbackServer(WebApplication app, Uri baseUrl, List<string> requests)
    {
        _app = app;
        BaseUrl = baseUrl;
        _requests = requests;
    }

    public Uri BaseUrl { get; }

    /// <summary>Every request's method, path and query, in arrival order.</summary>
    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_requests) return [.. _requests];
        }
    }

    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var requests = new List<string>();
        app.Use(async (context, next) =>
        {
            lock (requests) requests.Add($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            await next(context);
        });
        app.UseWebSockets();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackServer(app, new Uri(address), requests);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Writes bytes and pushes them to the client at once (a vendor streaming).</summary>
    public static async Task WriteFlushedAsync(HttpResponse response, ReadOnlyMemory<byte> bytes)
    {
        await response.Body.WriteAsync(bytes);
        await response.Body.FlushAsync();
    }
}
