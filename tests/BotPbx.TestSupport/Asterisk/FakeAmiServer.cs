using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BotPbx.TestSupport.Asterisk;

/// <summary>
/// A scripted AMI peer on a real socket (127.0.0.1, a free port) that speaks Asterisk 22's wire format byte for byte,
/// as recorded in the fixtures (<c>shared/fixtures/asterisk-22/ami-*</c>). It is a raw peer: it knows nothing of
/// BotPbx.Asterisk, so tests see exactly what a real Asterisk would send.
/// <para>Built in, like Asterisk: the banner <c>Asterisk Call Manager/11.0.0</c>; <c>Login</c> (plain or after
/// <c>Challenge</c> with AuthType md5; a wrong secret is refused after <see cref="FakeAmiServerOptions.FailedLoginDelay"/>
/// and the connection closed); <c>Events: on</c> gets <c>FullyBooted</c> after the login answer; <c>Ping</c>;
/// <c>Logoff</c> (Goodbye, then close); actions before login get <c>Permission denied</c>.</para>
/// <para>Everything else goes to <see cref="Handler"/>, which returns the raw messages to send
/// (build them with <see cref="FakeAmiReplies"/>; yield <see cref="FakeAmiReplies.CloseConnection"/> to drop the
/// connection there; return null for the built-in "Invalid/unknown command" error, an empty list for no answer at all).
/// <see cref="PushEventAsync"/> sends an event to every logged-in session; <see cref="DropConnectionsAsync"/> and
/// <see cref="RestartAsync"/> imitate a dying socket and an Asterisk restart.</para>
/// <example><code>
/// await using var ami = FakeAmiServer.Start(new FakeAmiServerOptions { Username = "botpbx", Secret = "s3cret" });
/// ami.Handler = request => request.IsAction("Command") ? [FakeAmiReplies.CommandOutput(request, "Dialplan reloaded.")] : null;
/// // point the product at ami.Host:ami.Port
/// </code></example>
/// </summary>
public sealed partial class FakeAmiServer : IAsyncDisposable
{
    private readonly FakeAmiServerOptions _options;
    private readonly ConcurrentDictionary<int, Session> _sessions = new();
    private readonly ConcurrentQueue<FakeAmiRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private TcpListener _listener;
    private Task _acceptLoop;
    private int _sessionCounter;
    private int _loginCount;
    private bool _restarted;
    private TaskCompletionSource _loginSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeAmiServer(FakeAmiServerOptions options)
    {
        _options = options;
        _listener = Listen(0);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync(_listener);
    }

    /// <summary>Starts listening on 127.0.0.1 on a free port.</summary>
    public static FakeAmiServer Start(FakeAmiServerOptions? options = null) => new(options ?? new FakeAmiServerOptions());

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    public string Username => _options.Username;

    public string Secret => _options.Secret;

    /// <summary>Answers actions the server does not handle itself. May be replaced at any time.</summary>
    public Func<FakeAmiRequest, IEnumerable<string>?>? Handler { get; set; }

    /// <summary>Every action received, in order, on all connections (Login and Challenge included).</summary>
    public IReadOnlyList<FakeAmiRequest> Requests => _requests.ToArray();

    /// <summary>TCP connections accepted so far.</summary>
    public int ConnectionCount => Volatile.Read(ref _sessionCounter);

    /// <summary>Successful logins so far.</summary>
    public int LoginCount => Volatile.Read(ref _loginCount);

    /// <summary>Completes once at least <paramref name="count"/> logins have succeeded.</summary>
    public async Task WaitForLoginsAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                if (_loginCount >= count) return;
                signal = _loginSignal.Task;
            }
            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a raw message (e.g. from <see cref="FakeAmiReplies.Event"/>) to every session logged in with events on.</summary>
    public Task PushEventAsync(string rawMessage, CancellationToken cancellationToken) =>
        PushBytesAsync(Encoding.UTF8.GetBytes(rawMessage), cancellationToken);

    /// <summary>Sends arbitrary bytes (garbage, partial messages, late responses) to every session logged in with events on.</summary>
    public async Task PushBytesAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        foreach (var session in _sessions.Values.Where(s => s.ReceivesEvents))
        {
            await session.SendAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes every connection at once, without a word: what a crashed peer or a cut cable looks like.</summary>
    public async Task DropConnectionsAsync()
    {
        foreach (var session in _sessions.Values) await session.CloseAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Imitates <c>core restart now</c> (fixture ami-restart-*): <c>Event: Shutdown</c> to every session, close, refuse
    /// connections for <paramref name="downtime"/>, then listen again on the same port. After that, logins are
    /// answered before FullyBooted, which arrives later with the post-restart field order.
    /// </summary>
    public async Task RestartAsync(TimeSpan downtime, CancellationToken cancellationToken)
    {
        await PushEventAsync("Event: Shutdown\r\nPrivilege: system,all\r\nShutdown: Cleanly\r\nRestart: True\r\n\r\n", cancellationToken).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromMilliseconds(30), cancellationToken).ConfigureAwait(false);
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        await DropConnectionsAsync().ConfigureAwait(false);
        await Task.Delay(downtime, cancellationToken).ConfigureAwait(false);
        lock (_gate) _restarted = true;
        _listener = Listen(Port);
        _acceptLoop = AcceptLoopAsync(_listener);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        await DropConnectionsAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private static TcpListener Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        return listener;
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }
            var id = Interlocked.Increment(ref _sessionCounter);
            var session = new Session(this, client, id);
            _sessions[id] = session;
            session.Run();
        }
    }

    private void RecordLogin()
    {
        lock (_gate)
        {
            _loginCount++;
            _loginSignal.TrySetResult();
            _loginSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private bool Restarted
    {
        get
        {
            lock (_gate) return _restarted;
        }
    }
}

/// <summary>Credentials and timing of a <see cref="FakeAmiServer"/>.</summary>
public sealed class FakeAmiServerOptions
{
    public string Username { get; set; } = "botpbx";

    public string Secret { get; set; } = "botpbx-secret";

    /// <summary>Asterisk waits 1 s before refusing a login (fixture ami-login-failure).</summary>
    public TimeSpan FailedLoginDelay { get; set; } = TimeSpan.FromSeconds(1);
}
