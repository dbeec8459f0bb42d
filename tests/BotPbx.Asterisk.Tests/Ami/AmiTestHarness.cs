using System.Collections.Concurrent;
using BotPbx.Asterisk.Ami;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>A client wired to a <see cref="FakeAmiServer"/> with fast back-off, plus a record of its status changes.</summary>
internal sealed class AmiTestHarness : IAsyncDisposable
{
    /// <summary>Guards every wait in a test so a bug fails the test instead of hanging the run. Not a timing assertion.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<AmiConnectionStatus> _statuses = new();
    private readonly SemaphoreSlim _statusSignal = new(0);
    private int _watchFrom;

    private AmiTestHarness(FakeAmiServer server, AmiClient client)
    {
        Server = server;
        Client = client;
        Client.StatusChanged += (_, status) =>
        {
            _statuses.Enqueue(status);
            _statusSignal.Release();
        };
    }

    public FakeAmiServer Server { get; }

    public AmiClient Client { get; }

    public CancellationToken Timeout { get; } = new CancellationTokenSource(Guard).Token;

    public IReadOnlyList<AmiConnectionState> States => _statuses.Select(s => s.State).ToArray();

    public static AmiTestHarness Create(FakeAmiServer? server = null, Action<AmiOptions>? configure = null)
    {
        server ??= FakeAmiServer.Start(new FakeAmiServerOptions { FailedLoginDelay = TimeSpan.FromMilliseconds(50) });
        var options = Options(server);
        configure?.Invoke(options);
        return new AmiTestHarness(server, new AmiClient(options));
    }

    public static AmiOptions Options(FakeAmiServer server) => new()
    {
        Host = server.Host,
        Port = server.Port,
        Username = server.Username,
        Secret = server.Secret,
        PingInterval = TimeSpan.Zero,
        ReconnectDelayMin = TimeSpan.FromMilliseconds(20),
        ReconnectDelayMax = TimeSpan.FromMilliseconds(200),
        ActionTimeout = TimeSpan.FromSeconds(10),
        // A test's reader that a loaded machine leaves unscheduled for a few seconds is not a stuck subscriber; the
        // tests of the stuck case set their own short timeout.
        SlowSubscriberTimeout = TimeSpan.FromSeconds(30),
    };

    public static async Task<AmiTestHarness> ConnectedAsync(FakeAmiServer? server = null, Action<AmiOptions>? configure = null)
    {
        var harness = Create(server, configure);
        await harness.Client.ConnectAsync(harness.Timeout);
        // What a test provokes comes after this; a retry during a slow first login must not satisfy its waits.
        harness._watchFrom = harness._statuses.Count;
        return harness;
    }

    /// <summary>
    /// Waits until a status change satisfies <paramref name="predicate"/>, looking at changes since the client
    /// connected (for <see cref="ConnectedAsync"/>) or since it was created.
    /// </summary>
    public async Task<AmiConnectionStatus> WaitForStatusAsync(Func<AmiConnectionStatus, bool> predicate)
    {
        while (true)
        {
            if (_statuses.Skip(_watchFrom).FirstOrDefault(predicate) is { } seen) return seen;
            await _statusSignal.WaitAsync(Timeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
