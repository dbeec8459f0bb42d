using System.Collections.Concurrent;
using System.Net;
using BotPbx.Asterisk.AudioSocket;

namespace BotPbx.Asterisk.Tests.AudioSocket;

/// <summary>An AudioSocket server on a free loopback port that keeps its log for assertions.</summary>
internal sealed class TestAudioSocketServer : IAsyncDisposable
{
    /// <summary>Bounds every wait so a bug fails the test instead of hanging it; never a timing assertion.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private TestAudioSocketServer(AudioSocketServer server) => Server = server;

    public AudioSocketServer Server { get; }

    public ConcurrentQueue<AudioSocketLogEntry> Log { get; } = new();

    public IPEndPoint EndPoint => Server.LocalEndPoint;

    public AudioSocketSessionRegistry Sessions => Server.Sessions;

    public static async Task<TestAudioSocketServer> StartAsync(AudioSocketHandler? handler, Action<AudioSocketOptions>? configure = null)
    {
        var options = new AudioSocketOptions { Port = 0 };
        configure?.Invoke(options);
        TestAudioSocketServer? test = null;
        options.Log = entry => test?.Log.Enqueue(entry);
        test = new TestAudioSocketServer(new AudioSocketServer(options, new AudioSocketSessionRegistry(), handler));
        await test.Server.StartAsync(CancellationToken.None);
        return test;
    }

    public bool Logged(AudioSocketLogLevel level, Func<AudioSocketLogEntry, bool> predicate) =>
        Log.Any(e => e.Level == level && predicate(e));

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
