using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace BotPbx.Asterisk;

/// <summary>
/// The TCP-server skeleton FastAGI and AudioSocket share: listen, accept, enforce the limit on live sessions, run each
/// connection on its own (a misbehaving peer loses only its own connection), and stop: stop accepting, cancel every
/// connection, wait for them. The protocol supplies only what happens on one connection.
/// </summary>
internal sealed class ProtocolTcpServer(ProtocolTcpServerSettings settings, Func<AcceptedConnection, CancellationToken, Task> serve)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;
    private long _nextConnectionId;
    private int _live;

    public IPEndPoint LocalEndPoint =>
        (IPEndPoint?)_listener?.LocalEndPoint ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>Sessions counted against the limit: accepted and not yet over.</summary>
    public int LiveSessions => Volatile.Read(ref _live);

    /// <summary>Connections whose task is still running (live sessions plus closing tails).</summary>
    public int OpenConnections => _connections.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_listener is not null) throw new InvalidOperationException("The server is already started.");
        var listener = ListeningSocket.Open(settings.BindAddress, settings.Port);
        _listener = listener;
        _accepting = AcceptLoopAsync(listener);
        settings.Log(ProtocolLogLevel.Information, $"{settings.Name} listening on {listener.LocalEndPoint}.", null, null);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, cancels every connection and waits for them.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stopping.IsCancellationRequested) await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _accepting.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        using var bounded = new CancellationTokenSource(settings.StopGrace + TimeSpan.FromSeconds(5));
        try
        {
            await StopAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            settings.Log(ProtocolLogLevel.Warning, $"Some {settings.Name} sessions did not end in time after the stop.", null, null);
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
                settings.Log(ProtocolLogLevel.Debug, "Accept failed for one connection.", null, e);
                continue;
            }
            if (Interlocked.Increment(ref _live) > settings.MaxConcurrentSessions)
            {
                Interlocked.Decrement(ref _live);
                settings.Log(ProtocolLogLevel.Warning,
                    $"{settings.MaxConcurrentSessions} sessions already running; refusing a connection.", socket.RemoteEndPoint, null);
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
        var slot = new SessionSlot(() => Interlocked.Decrement(ref _live));
        try
        {
            await serve(new AcceptedConnection(socket, slot), _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            settings.Log(ProtocolLogLevel.Error, $"A {settings.Name} connection failed unexpectedly.", null, e);
        }
        finally
        {
            slot.Release();
            socket.Dispose();
            _connections.TryRemove(id, out _);
        }
    }
}
