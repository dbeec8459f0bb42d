using System.Threading.Channels;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// One consumer's queue of events. Nothing is ever dropped silently (issue 13). The policy, in order:
/// <list type="number">
/// <item>Each subscription queues up to <see cref="Capacity"/> events; bursts are absorbed there.</item>
/// <item>When the queue is full, the socket reader waits for the consumer (back-pressure), for at most
/// <see cref="AmiOptions.SlowSubscriberTimeout"/>. Asterisk's own write timeout bounds how long a reader may stall,
/// and every pending action waits behind the events, so the wait cannot be unbounded.</item>
/// <item>A consumer still stuck after that is detected: its events are dropped and counted in <see cref="LostCount"/>
/// until its queue is half empty, the loss is logged, <see cref="EventsLost"/> is raised at once, and an
/// <see cref="EventsLostEvent"/> (<c>Event: BotPbxEventsLost</c>) is queued in stream order where the gap is, so the
/// consumer resynchronises whatever it derives from the events (a live call model, CDRs, the dialer).</item>
/// </list>
/// A reconnect is a gap too (events Asterisk raised while no connection was up are gone): every subscription then
/// receives an <see cref="EventsLostEvent"/> with reason <c>Reconnected</c>. Subscriptions live on the client, so they
/// survive reconnects. Dispose to unsubscribe; the reader then completes.
/// </summary>
public sealed class AmiEventSubscription : IDisposable
{
    private readonly AmiEventQueueReader _queue;
    private readonly Func<AmiEvent, bool>? _filter;
    private readonly Action<AmiEventSubscription> _unsubscribe;
    private long _lost;
    private long _gapLost;
    private bool _overflowing;
    private AmiEvent? _pendingMarker;

    internal AmiEventSubscription(int capacity, Func<AmiEvent, bool>? filter, Action<AmiEventSubscription> unsubscribe)
    {
        _filter = filter;
        _unsubscribe = unsubscribe;
        Capacity = capacity;
        // A waiting reader is woken once the consumer has made room for a tenth of the queue, not for every event.
        _queue = new AmiEventQueueReader(Math.Max(0, capacity - Math.Max(1, capacity / 10)));
    }

    /// <summary>
    /// Raised when this subscription starts losing events (slow consumer) or when the connection was re-established.
    /// Raised on the thread pool, never on the socket reader; start a resync from here or on the in-stream marker.
    /// </summary>
    public event EventHandler<AmiEventsLost>? EventsLost;

    /// <summary>The events, in order. One consumer at a time (the queue is single-consumer for speed).</summary>
    public ChannelReader<AmiEvent> Reader => _queue;

    public int Capacity { get; }

    /// <summary>Events this subscriber lost because it stayed full longer than the slow-subscriber timeout.</summary>
    public long LostCount => Interlocked.Read(ref _lost);

    public IAsyncEnumerable<AmiEvent> ReadAllAsync(CancellationToken cancellationToken) => _queue.ReadAllAsync(cancellationToken);

    public void Dispose()
    {
        _unsubscribe(this);
        _queue.Complete();
    }

    /// <summary>Called by the reader: whether this subscriber wants the event. A filter runs once per event.</summary>
    internal bool Accepts(AmiEvent amiEvent) => _filter is null || _filter(amiEvent);

    /// <summary>
    /// Called by the reader for an accepted event: true when it was queued or counted as lost; false when the queue
    /// is full and the reader should wait (<see cref="WaitForRoomAsync"/>) before offering it again.
    /// </summary>
    internal bool TryEnqueue(AmiEvent amiEvent)
    {
        if (_overflowing)
        {
            // Stay in the dropping state until the consumer has made real room, so marker and stream resume together.
            if (_queue.Count > Capacity / 2)
            {
                _gapLost++;
                Interlocked.Increment(ref _lost);
                return true;
            }
            _overflowing = false;
            _pendingMarker = EventsLostEvent.Create(_gapLost, AmiEventsLost.SlowSubscriber);
            Log?.Invoke(AmiLogLevel.Warning, $"An AMI subscriber lost {_gapLost} events ({LostCount} in all) and is receiving again; it was told to resync.");
        }
        if (_queue.Count >= Capacity) return IsCompleted;
        if (_pendingMarker is { } marker)
        {
            if (!_queue.TryWrite(marker)) return true;
            _pendingMarker = null;
            if (_queue.Count >= Capacity) return false;
        }
        // A disposed subscription refuses the write: nobody reads it any more, so there is nothing to lose.
        _queue.TryWrite(amiEvent);
        return true;
    }

    /// <summary>True when there is room again within <paramref name="timeout"/>; false when the consumer is stuck.</summary>
    internal async ValueTask<bool> WaitForRoomAsync(TimeSpan timeout)
    {
        try
        {
            await _queue.WaitForRoomAsync().WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The consumer did not make room in time: the event being offered is the first one it loses.</summary>
    internal void BeginOverflow()
    {
        _overflowing = true;
        _gapLost = 1;
        Interlocked.Increment(ref _lost);
        Log?.Invoke(AmiLogLevel.Warning, $"An AMI subscriber has been full ({Capacity} events) too long; dropping and counting its events until it catches up.");
        Raise(new AmiEventsLost(AmiEventsLost.SlowSubscriber, -1, LostCount));
    }

    /// <summary>
    /// The connection died: whatever Asterisk raises until the next login never arrives. Called once the old reader has
    /// stopped, so the reader stays the only writer; the marker goes out in front of the next event.
    /// </summary>
    internal void OnConnectionLost() => _pendingMarker ??= EventsLostEvent.Create(-1, AmiEventsLost.Reconnected);

    /// <summary>Logged in again: tell the consumer at once, so it can resync without waiting for the next event.</summary>
    internal void OnReconnected() => Raise(new AmiEventsLost(AmiEventsLost.Reconnected, -1, LostCount));

    private bool IsCompleted => _queue.IsCompleted;

    /// <summary>Where the subscription reports its losses; set by the hub from <see cref="AmiOptions.Log"/>.</summary>
    internal Action<AmiLogLevel, string>? Log { get; set; }

    private void Raise(AmiEventsLost loss)
    {
        if (EventsLost is null) return;
        ThreadPool.UnsafeQueueUserWorkItem(static state =>
        {
            var (subscription, args) = state;
            try
            {
                subscription.EventsLost?.Invoke(subscription, args);
            }
#pragma warning disable CA1031 // a consumer's handler must not crash the process from the thread pool
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }, (this, loss), preferLocal: false);
    }
}
