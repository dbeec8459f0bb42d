using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace BotPbx.Asterisk.Agi;

/// <summary>
/// The FastAGI server Asterisk's <c>AGI(agi://host:4573/path,args)</c> connects to. Each connection runs on its own;
/// a peer that misbehaves (garbage, oversized lines, never finishing the environment, vanishing mid-command) loses only
/// its own connection. <see cref="StopAsync"/> stops accepting, cancels every handler and waits for the sessions to end.
/// </summary>
public sealed class FastAgiServer : IProtocolServer
{
    private readonly FastAgiOptions _options;
    private readonly AgiRouter _router;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _sessions = new();
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;
    private long _nextSessionId;

    public FastAgiServer(FastAgiOptions options, AgiRouter router)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(router);
        options.Validate();
        _options = options;
        _router = router;
    }

    /// <summary>The bound address; with <see cref="FastAgiOptions.Port"/> 0 this tells the port that was picked.</summary>
    public IPEndPoint LocalEndPoint =>
        (IPEndPoint?)_listener?.LocalEndPoint ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>Connections being served right now.</summary>
    public int ActiveSessions => _sessions.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_listener is not null) throw new InvalidOperationException("The server is already started.");
        var listener = ListeningSocket.Open(_options.BindAddress, _options.Port);
        _listener = listener;
        _accepting = AcceptLoopAsync(listener);
        Log(_options, FastAgiLogLevel.Information, $"FastAGI listening on {listener.LocalEndPoint}.", null);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, cancels every handler (Asterisk then continues each dialplan) and waits for the sessions.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stopping.IsCancellationRequested) await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _accepting.ConfigureAwait(false);
        await Task.WhenAll(_sessions.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
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
            Log(_options, FastAgiLogLevel.Warning, "Some FastAGI sessions did not end in time after the stop.", null);
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
                Log(_options, FastAgiLogLevel.Debug, "Accept failed for one connection.", null, e);
                continue;
            }
            if (_sessions.Count >= _options.MaxConcurrentSessions)
            {
                Log(_options, FastAgiLogLevel.Warning,
                    $"{_options.MaxConcurrentSessions} sessions already running; refusing a connection.", socket.RemoteEndPoint);
                socket.Dispose();
                continue;
            }
            socket.NoDelay = true;
            var id = Interlocked.Increment(ref _nextSessionId);
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _sessions[id] = RunConnectionAsync(id, socket, registered.Task);
            registered.SetResult();
        }
    }

    private async Task RunConnectionAsync(long id, Socket socket, Task registered)
    {
        // Off the accept loop at once (so one slow session never delays the next accept), and only once the task is in
        // _sessions, so the removal below can never run before the registration.
        await registered.ConfigureAwait(false);
        try
        {
            await new AgiConnection(socket, _options, _router).RunAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log(_options, FastAgiLogLevel.Error, "A FastAGI connection failed unexpectedly.", null, e);
        }
        finally
        {
            socket.Dispose();
            _sessions.TryRemove(id, out _);
        }
    }

    internal static void Log(FastAgiOptions options, FastAgiLogLevel level, string message, EndPoint? remote, Exception? exception = null)
    {
        if (options.Log is not { } log) return;
        try
        {
            log(new FastAgiLogEntry(level, message, remote, exception));
        }
        catch (Exception)
        {
            // A failing log sink must never take a call down with it.
        }
    }
}
