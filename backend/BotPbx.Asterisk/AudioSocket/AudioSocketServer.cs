using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace BotPbx.Asterisk.AudioSocket;

/// <summary>
/// The AudioSocket server Asterisk's <c>AudioSocket(uuid,host:9092)</c> and ARI externalMedia connect to. Each
/// connection runs on its own: a peer sending an unknown kind or an oversized frame loses only its own connection.
/// Sessions are registered by UUID in <see cref="Sessions"/> and, when a handler is given, run by it.
/// <see cref="StopAsync"/> stops accepting, hangs up every session (Asterisk continues each dialplan) and waits.
/// </summary>
public sealed class AudioSocketServer : IProtocolServer
{
    private readonly AudioSocketOptions _options;
    private readonly AudioSocketHandler? _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;
    private long _nextConnectionId;

    /// <param name="options">Settings; validated here.</param>
    /// <param name="sessions">Where sessions are registered by UUID; shared with whoever looks them up.</param>
    /// <param name="handler">Runs each session; null leaves sessions to be found through <paramref name="sessions"/>.</param>
    public AudioSocketServer(AudioSocketOptions options, AudioSocketSessionRegistry sessions, AudioSocketHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessions);
        options.Validate();
        _options = options;
        Sessions = sessions;
        _handler = handler;
    }

    public AudioSocketSessionRegistry Sessions { get; }

    /// <summary>The bound address; with <see cref="AudioSocketOptions.Port"/> 0 this tells the port that was picked.</summary>
    public IPEndPoint LocalEndPoint =>
        (IPEndPoint?)_listener?.LocalEndPoint ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>Connections being served right now.</summary>
    public int ActiveSessions => _connections.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_listener is not null) throw new InvalidOperationException("The server is already started.");
        var listener = ListeningSocket.Open(_options.BindAddress, _options.Port);
        _listener = listener;
        _accepting = AcceptLoopAsync(listener);
        Log(_options, AudioSocketLogLevel.Information, $"AudioSocket listening on {listener.LocalEndPoint}.", Guid.Empty, null);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, hangs up every session (Asterisk then continues each dialplan) and waits for them.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stopping.IsCancellationRequested) await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _accepting.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        using var bounded = new CancellationTokenSource(_options.CloseTimeout + TimeSpan.FromSeconds(5));
        try
        {
            await StopAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log(_options, AudioSocketLogLevel.Warning, "Some AudioSocket sessions did not end in time after the stop.", Guid.Empty, null);
        }
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // ECONNABORTED and friends concern one pending connection, not the listener.
                Log(_options, AudioSocketLogLevel.Debug, "Accept failed for one connection.", Guid.Empty, null, e);
                continue;
            }
            if (_connections.Count >= _options.MaxConcurrentSessions)
            {
                Log(_options, AudioSocketLogLevel.Warning,
                    $"{_options.MaxConcurrentSessions} sessions already running; refusing a connection.", Guid.Empty, socket.RemoteEndPoint);
                socket.Dispose();
                continue;
            }
            socket.NoDelay = true;
            var id = Interlocked.Increment(ref _nextConnectionId);
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[id] = RunConnectionAsync(id, socket, registered.Task);
            registered.SetResult();
        }
    }

    private async Task RunConnectionAsync(long id, Socket socket, Task registered)
    {
        // Off the accept loop at once (so one slow session never delays the next accept), and only once the task is in
        // _connections, so the removal below can never run before the registration.
        await registered.ConfigureAwait(false);
        try
        {
            await new AudioSocketConnection(socket, _options, Sessions, _handler).RunAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log(_options, AudioSocketLogLevel.Error, "An AudioSocket connection failed unexpectedly.", Guid.Empty, null, e);
        }
        finally
        {
            socket.Dispose();
            _connections.TryRemove(id, out _);
        }
    }

    internal static void Log(
        AudioSocketOptions options, AudioSocketLogLevel level, string message, Guid session, EndPoint? remote, Exception? exception = null)
    {
        if (options.Log is not { } log) return;
        try
        {
            log(new AudioSocketLogEntry(level, message, session, remote, exception));
        }
        catch (Exception)
        {
            // A failing log sink must never take a call down with it.
        }
    }
}
