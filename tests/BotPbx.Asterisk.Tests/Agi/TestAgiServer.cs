using System.Collections.Concurrent;
using System.Net;
using BotPbx.Asterisk.Agi;

namespace BotPbx.Asterisk.Tests.Agi;

/// <summary>A FastAGI server on a free loopback port that keeps its log entries for assertions.</summary>
internal sealed class TestAgiServer : IAsyncDisposable
{
    /// <summary>Bounds every wait in these tests so a bug fails the test instead of hanging it; never a timing assertion.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly FastAgiServer _server;

    private TestAgiServer(FastAgiServer server) => _server = server;

    public ConcurrentQueue<FastAgiLogEntry> Log { get; } = new();

    public IPEndPoint EndPoint => _server.LocalEndPoint;

    public FastAgiServer Server => _server;

    public static async Task<TestAgiServer> StartAsync(AgiRouter router, Action<FastAgiOptions>? configure = null)
    {
        var options = new FastAgiOptions { Port = 0 };
        configure?.Invoke(options);
        TestAgiServer? test = null;
        options.Log = entry => test?.Log.Enqueue(entry);
        test = new TestAgiServer(new FastAgiServer(options, router));
        await test._server.StartAsync(CancellationToken.None);
        return test;
    }

    public bool Logged(FastAgiLogLevel level, Func<FastAgiLogEntry, bool> predicate) =>
        Log.Any(e => e.Level == level && predicate(e));

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
