using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// One TCP session with Asterisk: the socket, the read loop, the write loop and the table of pending ActionIDs.
/// It never reconnects (the client does) and has one way to die, <see cref="Break"/>: the connection is marked dead,
/// the socket is closed and every pending action fails with a transient <see cref="AmiConnectionException"/>.
/// </summary>
internal sealed partial class AmiConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly ConcurrentDictionary<string, PendingAction> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<string> _banner = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<AmiEvent, ValueTask> _onEvent;
    private readonly AmiOptions _options;
    private readonly int _maxMessageSize;
    private readonly string _idPrefix;
    private long _nextId;
    private Exception? _breakReason;
    private Task _readLoop = Task.CompletedTask;

    private AmiConnection(Socket socket, AmiOptions options, Func<AmiEvent, ValueTask> onEvent, string idPrefix)
    {
        _socket = socket;
        var stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4096));
        _writer = PipeWriter.Create(stream);
        _onEvent = onEvent;
        _options = options;
        _maxMessageSize = options.MaxMessageSize;
        _idPrefix = idPrefix;
    }

    /// <summary>The AMI version from the banner (<c>11.0.0</c> on Asterisk 22).</summary>
    public string AmiVersion { get; private set; } = string.Empty;

    /// <summary>Completes with the reason once the connection is dead, whoever killed it.</summary>
    public Task<Exception> Closed => _closed.Task;

    public bool IsBroken => Volatile.Read(ref _breakReason) is not null;

    /// <summary>Opens the socket and waits for the banner; fails with <see cref="AmiConnectionException"/>.</summary>
    public static async Task<AmiConnection> OpenAsync(AmiOptions options, Func<AmiEvent, ValueTask> onEvent, string idPrefix, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(options.ConnectTimeout);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(options.Host, options.Port, connectTimeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            var why = ex is SocketException socketError ? socketError.Message : $"timed out after {options.ConnectTimeout.TotalSeconds:0.#} s";
            throw new AmiConnectionException($"cannot connect to AMI at {options.Host}:{options.Port}: {why}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new AmiConnection(socket, options, onEvent, idPrefix);
        connection._readLoop = Task.Run(connection.ReadLoopAsync, CancellationToken.None);
        connection._writeLoop = Task.Run(connection.WriteLoopAsync, CancellationToken.None);
        try
        {
            connection.AmiVersion = await connection._banner.Task.WaitAsync(connectTimeout.Token).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex)
        {
            var failure = ex is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? new AmiConnectionException($"no AMI banner from {options.Host}:{options.Port} within {options.ConnectTimeout.TotalSeconds:0.#} s")
                : ex;
            connection.Break(failure);
            await connection.DisposeAsync().ConfigureAwait(false);
            if (ReferenceEquals(failure, ex)) throw;
            throw failure;
        }
    }

    public string NextActionId() =>
        _idPrefix + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    /// <summary>Stops waiting for an action (timeout or caller cancellation); a late answer is then ignored.</summary>
    public void Forget(PendingAction pending) => _pending.TryRemove(new KeyValuePair<string, PendingAction>(pending.ActionId, pending));

    /// <summary>The one way to die. Idempotent; the first reason wins.</summary>
    public void Break(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _breakReason, reason, null) is not null) return;
        var transient = reason as AmiConnectionException ?? new AmiConnectionException($"AMI connection lost: {reason.Message}", reason);
        _banner.TrySetException(reason is AmiAuthenticationException ? reason : transient);
        foreach (var actionId in _pending.Keys)
        {
            if (_pending.TryRemove(actionId, out var pending)) pending.Fail(transient);
        }
        _closed.TrySetResult(reason);
        _outbox.Writer.TryComplete();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone: nothing to shut down.
        }
        _socket.Close();
    }

    public async ValueTask DisposeAsync()
    {
        Break(new AmiConnectionException("AMI connection closed by the client"));
        await _readLoop.ConfigureAwait(false);
        await _writeLoop.ConfigureAwait(false);
        try
        {
            // Completing flushes what the write loop left buffered, into a closed socket: that may throw, and must not
            // escape, since disposal runs in the supervisor's finally.
            await _writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The socket is already closed; the bytes were for a dead connection.
        }
        await _reader.CompleteAsync().ConfigureAwait(false);
    }

    private void ThrowIfBroken(PendingAction pending)
    {
        if (Volatile.Read(ref _breakReason) is not { } reason) return;
        Forget(pending);
        throw new AmiConnectionException($"AMI connection is closed ({reason.Message})", reason);
    }
}
