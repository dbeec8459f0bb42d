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
    private readonly Queue<PendingCommand> _pending = new();
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
        cancellationToken.ThrowIfCancellationRequested();
        // "No timeout" still has a bound: a reply that never comes must not keep the session open forever.
        var replyLimit = timeout == Timeout.InfiniteTimeSpan ? _options.LongCommandTimeout : timeout;

        // No RunContinuationsAsynchronously: the reply resumes the handler on the read loop, which has nothing else to do
        // until the handler's next command, and that spares a thread-pool hop per command (issue 13).
        var pending = new PendingCommand(command, replyLimit, Environment.TickCount64 + (long)replyLimit.TotalMilliseconds);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_lock)
            {
                if (_closeReason is not null) throw ClosedException();
                _pending.Enqueue(pending);
            }
            await SendAsync(bytes).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        // A caller that stops waiting leaves the command in the queue: its late reply is matched and dropped.
        using var stopWaiting = cancellationToken.UnsafeRegister(
            static (state, token) => ((PendingCommand)state!).Reply.TrySetCanceled(token), pending);
        var answer = await pending.Reply.Task.ConfigureAwait(false);
        return answer ?? throw ClosedException();
    }

    /// <summary>
    /// The whole line goes out in one send. No timer guards it: the command's deadline, already running, covers the
    /// send too, and when it expires the session is closed, which aborts the socket and so the send.
    /// </summary>
    private async Task SendAsync(byte[] bytes)
    {
        try
        {
            var sent = 0;
            while (sent < bytes.Length)
            {
                sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            var failure = _closeReason ?? new AgiConnectionClosedException("The command could not be sent to Asterisk.", e);
            Close(failure);
            throw ClosedException();
        }
    }

    /// <summary>Called by the <see cref="AgiCommandWatchdog"/>: a command past its deadline closes the session.</summary>
    public void ExpireOverdue(long now)
    {
        PendingCommand? overdue = null;
        lock (_lock)
        {
            foreach (var pending in _pending)
            {
                if (now < pending.Deadline || pending.Reply.Task.IsCompleted) continue;
                overdue = pending;
                break;
            }
        }
        if (overdue is null) return;
        var timedOut = new AgiCommandTimeoutException($"No reply to '{Verb(overdue.Command)}' within {overdue.Limit.TotalSeconds:0.###} s.");
        // Off the watchdog's thread: completing the command runs the handler's continuation.
        overdue.TimedOut = timedOut;
        ThreadPool.UnsafeQueueUserWorkItem(static state =>
        {
            var (session, command) = state;
            if (!command.Reply.Task.IsCompleted) session.Close(command.TimedOut!);
        }, (this, overdue), preferLocal: false);
    }

    /// <summary>Called by the read loop for each reply; a reply nobody asked for is a protocol error.</summary>
    public void OnReply(AgiReply reply)
    {
        PendingCommand? waiter;
        lock (_lock)
        {
            if (!_pending.TryDequeue(out waiter))
            {
                throw new AgiProtocolException($"A reply arrived with no command waiting for it: '{reply.Summary}'.");
            }
        }
        waiter.Reply.TrySetResult(reply);
    }

    /// <summary>The unprompted <c>HANGUP</c> line (AGISIGHUP): the channel is gone, the connection stays open.</summary>
    public void OnHangup() => MarkHungUp();

    /// <summary>Ends the session: every waiting command fails, <see cref="Hangup"/> and <see cref="Closed"/> fire. Idempotent.</summary>
    public void Close(Exception reason)
    {
        PendingCommand[] waiters;
        lock (_lock)
        {
            if (_closeReason is not null) return;
            _closeReason = reason;
            waiters = [.. _pending];
            _pending.Clear();
        }
        MarkHungUp();
        // Asynchronous so the read loop never runs handler code through token callbacks.
        _closeCancellation = _closed.CancelAsync();
        // Last: completing a waiter may run the handler inline, and it must find the session already closed.
        foreach (var waiter in waiters)
        {
            // The command that ran out of time reports the timeout; the others, that the session is closed.
            if (waiter.TimedOut is { } timedOut) waiter.Reply.TrySetException(timedOut);
            else waiter.Reply.TrySetResult(null);
        }
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

    /// <summary>One command waiting for its reply, and until when; it is its own completion source (one object per command).</summary>
    private sealed class PendingCommand(string command, TimeSpan limit, long deadline) : TaskCompletionSource<AgiReply?>
    {
        public TaskCompletionSource<AgiReply?> Reply => this;

        public string Command => command;

        public TimeSpan Limit => limit;

        /// <summary><see cref="Environment.TickCount64"/> after which the command has timed out.</summary>
        public long Deadline => deadline;

        /// <summary>Set by the watchdog when the deadline passed.</summary>
        public AgiCommandTimeoutException? TimedOut { get; set; }
    }

    /// <summary>The command without its quoted arguments, which may hold caller data.</summary>
    private static string Verb(string command)
    {
        var quote = command.IndexOf('"', StringComparison.Ordinal);
        var verb = (quote < 0 ? command : command[..quote]).TrimEnd();
        return verb.Length > 40 ? verb[..40] + "…" : verb;
    }
}
