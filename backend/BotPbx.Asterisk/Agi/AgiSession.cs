using System.Net.Sockets;

namespace BotPbx.Asterisk.Agi;

/// <summary>
/// The command side of one FastAGI connection: writes command lines, matches replies to commands in order, and tracks
/// the hang-up state. FastAGI has no command ids, so replies are matched first-in first-out; a command whose caller
/// stopped waiting keeps its place in the queue and its late reply is dropped. One way to die: <see cref="Close"/>.
/// </summary>
internal sealed class AgiSession : IAgiChannel, IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly FastAgiOptions _options;
    private readonly Queue<TaskCompletionSource<AgiReply?>> _pending = new();
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _hangup = new();
    private readonly CancellationTokenSource _closed = new();
    private Exception? _closeReason;
    private Task _hangupCancellation = Task.CompletedTask;
    private Task _closeCancellation = Task.CompletedTask;
    private int _hungUp;

    public AgiSession(Socket socket, FastAgiOptions options, AgiRequest request, IReadOnlyDictionary<string, string> routeValues)
    {
        _socket = socket;
        _options = options;
        Request = request;
        RouteValues = routeValues;
    }

    public AgiRequest Request { get; }

    public IReadOnlyDictionary<string, string> RouteValues { get; }

    public CancellationToken Hangup => _hangup.Token;

    public bool IsHungUp => Volatile.Read(ref _hungUp) != 0;

    /// <summary>Fires when the session is closed for good (error, timeout, peer gone); used to abort the socket.</summary>
    public CancellationToken Closed => _closed.Token;

    public Task<AgiReply> SendCommandAsync(string command, CancellationToken cancellationToken) =>
        SendCommandAsync(command, _options.CommandTimeout, cancellationToken);

    public async Task<AgiReply> SendCommandAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var bytes = AgiCommandText.Encode(command);
        if (timeout != Timeout.InfiniteTimeSpan) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        // "No timeout" still has a bound: a reply that never comes must not keep the session open forever.
        var replyLimit = timeout == Timeout.InfiniteTimeSpan ? _options.LongCommandTimeout : timeout;
        cancellationToken.ThrowIfCancellationRequested();

        var reply = new TaskCompletionSource<AgiReply?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_lock)
            {
                if (_closeReason is not null) throw ClosedException();
                _pending.Enqueue(reply);
            }
            await SendAsync(bytes, timeout).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        AgiReply? answer;
        try
        {
            answer = await reply.Task.WaitAsync(replyLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var timedOut = new AgiCommandTimeoutException($"No reply to '{Verb(command)}' within {replyLimit.TotalSeconds:0.###} s.");
            Close(timedOut);
            throw timedOut;
        }
        return answer ?? throw ClosedException();
    }

    /// <summary>The whole line goes out in one send; a send that cannot finish means the peer stopped reading.</summary>
    private async Task SendAsync(byte[] bytes, TimeSpan timeout)
    {
        // The caller's token is not used here: a half-written line would corrupt the stream. The send is bounded by the
        // command timeout instead (or the default one for unbounded commands).
        using var sendTimeout = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
        sendTimeout.CancelAfter(timeout == Timeout.InfiniteTimeSpan ? _options.CommandTimeout : timeout);
        try
        {
            var sent = 0;
            while (sent < bytes.Length)
            {
                sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, sendTimeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            var failure = _closeReason ?? new AgiConnectionClosedException("The command could not be sent to Asterisk.", e);
            Close(failure);
            throw ClosedException();
        }
    }

    /// <summary>Called by the read loop for each reply; a reply nobody asked for is a protocol error.</summary>
    public void OnReply(AgiReply reply)
    {
        TaskCompletionSource<AgiReply?>? waiter;
        lock (_lock)
        {
            if (!_pending.TryDequeue(out waiter))
            {
                throw new AgiProtocolException($"A reply arrived with no command waiting for it: '{reply.Summary}'.");
            }
        }
        waiter.TrySetResult(reply);
    }

    /// <summary>The unprompted <c>HANGUP</c> line (AGISIGHUP): the channel is gone, the connection stays open.</summary>
    public void OnHangup() => MarkHungUp();

    /// <summary>Ends the session: every waiting command fails, <see cref="Hangup"/> and <see cref="Closed"/> fire. Idempotent.</summary>
    public void Close(Exception reason)
    {
        TaskCompletionSource<AgiReply?>[] waiters;
        lock (_lock)
        {
            if (_closeReason is not null) return;
            _closeReason = reason;
            waiters = [.. _pending];
            _pending.Clear();
        }
        foreach (var waiter in waiters) waiter.TrySetResult(null);
        MarkHungUp();
        // Asynchronous so the read loop never runs handler code through token callbacks.
        _closeCancellation = _closed.CancelAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _hangupCancellation.ConfigureAwait(false);
        await _closeCancellation.ConfigureAwait(false);
        _writeLock.Dispose();
        _hangup.Dispose();
        _closed.Dispose();
    }

    private void MarkHungUp()
    {
        if (Interlocked.Exchange(ref _hungUp, 1) != 0) return;
        _hangupCancellation = _hangup.CancelAsync();
    }

    private AgiConnectionClosedException ClosedException() =>
        _closeReason as AgiConnectionClosedException ??
        new AgiConnectionClosedException("The FastAGI connection is closed.", _closeReason);

    /// <summary>The command without its quoted arguments, which may hold caller data.</summary>
    private static string Verb(string command)
    {
        var quote = command.IndexOf('"', StringComparison.Ordinal);
        var verb = (quote < 0 ? command : command[..quote]).TrimEnd();
        return verb.Length > 40 ? verb[..40] + "…" : verb;
    }
}
