namespace BotPbx.Asterisk.Ami;

/// <summary>
/// The AMI client: one logged-in connection at a time, re-established for as long as the client lives.
/// <see cref="Start"/> returns at once and connects in the background (the host starts before Asterisk may be up);
/// <see cref="ConnectAsync"/> also waits for the first login. Actions sent while disconnected fail at once with a
/// transient <see cref="AmiConnectionException"/> rather than queueing: the caller decides whether to retry.
/// </summary>
public sealed partial class AmiClient : IAmiClient, IAsyncDisposable
{
    private readonly AmiOptions _options;
    private readonly TimeProvider _time;
    private readonly AmiEventHub _hub;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private AmiConnection? _current;
    private Task? _supervisor;
    private int _disposed;
    private AmiConnectionStatus _status;
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AmiClient(AmiOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _hub = new AmiEventHub(options.SlowSubscriberTimeout, options.Write);
        _time = timeProvider ?? TimeProvider.System;
        _status = new AmiConnectionStatus(AmiConnectionState.NotStarted, _time.GetUtcNow(), null, null, null, 0);
    }

    public event EventHandler<AmiConnectionStatus>? StatusChanged;

    public AmiConnectionStatus Status
    {
        get
        {
            lock (_gate) return _status;
        }
    }

    public TimeSpan DefaultActionTimeout => _options.ActionTimeout;

    /// <summary>Starts connecting in the background. Idempotent.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            _supervisor ??= Task.Run(() => SuperviseAsync(_stop.Token), CancellationToken.None);
        }
    }

    /// <summary>Starts and waits until logged in (retrying in the background meanwhile).</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        Start();
        await WaitUntilConnectedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes when the client is logged in; at once if it already is.</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken)
    {
        lock (_gate) return _connected.Task.WaitAsync(cancellationToken);
    }

    public AmiEventSubscription Subscribe(Func<AmiEvent, bool>? filter = null, int? capacity = null) =>
        _hub.Subscribe(capacity ?? _options.EventBufferCapacity, filter);

    public async Task<AmiResponse> SendActionAsync(AmiAction action, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var connection = CurrentConnection();
        var pending = new ResponsePendingAction(action.Name, connection.NextActionId());
        return await ExecuteAsync(connection, action, pending, pending.Result, timeout, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AmiEventList> SendEventListAsync(AmiAction action, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var connection = CurrentConnection();
        var pending = new EventListPendingAction(action.Name, connection.NextActionId());
        return await ExecuteAsync(connection, action, pending, pending.Result, timeout, cancellationToken).ConfigureAwait(false);
    }

    public async Task<(AmiResponse Response, AmiEvent? Event)> SendActionAwaitEventAsync(
        AmiAction action, string eventName, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var connection = CurrentConnection();
        var pending = new ResponseThenEventPendingAction(action.Name, connection.NextActionId(), eventName);
        return await ExecuteAsync(connection, action, pending, pending.Result, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Logs off politely (best effort, one second), closes the connection and stops reconnecting.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await LogoffAsync().ConfigureAwait(false);
        Task? supervisor;
        lock (_gate) supervisor = _supervisor;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (supervisor is not null) await supervisor.ConfigureAwait(false);
        SetState(AmiConnectionState.Stopped, null);
        lock (_gate) _connected.TrySetException(new ObjectDisposedException(nameof(AmiClient)));
        _stop.Dispose();
    }

    private AmiConnection CurrentConnection()
    {
        var connection = Volatile.Read(ref _current);
        if (connection is null || connection.IsBroken)
        {
            var status = Status;
            throw new AmiConnectionException($"AMI is not connected (state {status.State}{(status.LastError is { } e ? ": " + e.Message : string.Empty)})", status.LastError);
        }
        return connection;
    }

    /// <summary>
    /// Registers, queues and waits, all within one timeout. The timeout surfaces as <see cref="AmiTimeoutException"/>;
    /// only the caller's own token produces <see cref="OperationCanceledException"/>.
    /// </summary>
    private async Task<T> ExecuteAsync<T>(AmiConnection connection, AmiAction action, PendingAction pending, Task<T> result,
        TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var limit = timeout ?? _options.ActionTimeout;
        using var deadline = new CancellationTokenSource(limit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            connection.Send(action, pending);
            return await result.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"AMI action {action.Name} cancelled by the caller", ex, cancellationToken);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new AmiTimeoutException(action.Name, pending.ActionId, limit);
        }
        finally
        {
            connection.Forget(pending);
        }
    }
}
