using System.Threading.Channels;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// One consumer's queue of events. Back-pressure policy: the socket reader never waits for a consumer. Each
/// subscription has its own bounded channel; when it is full the OLDEST queued event is dropped and
/// <see cref="DroppedCount"/> goes up. A slow consumer therefore loses its own old events and never delays
/// action responses, other subscribers, or the keep-alive. Subscriptions live on the client, so they survive reconnects.
/// Dispose to unsubscribe; the reader then completes.
/// </summary>
public sealed class AmiEventSubscription : IDisposable
{
    private readonly Channel<AmiEvent> _channel;
    private readonly Func<AmiEvent, bool>? _filter;
    private readonly Action<AmiEventSubscription> _unsubscribe;
    private long _dropped;

    internal AmiEventSubscription(int capacity, Func<AmiEvent, bool>? filter, Action<AmiEventSubscription> unsubscribe)
    {
        _filter = filter;
        _unsubscribe = unsubscribe;
        Capacity = capacity;
        _channel = Channel.CreateBounded<AmiEvent>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = false,
                SingleWriter = false,
                AllowSynchronousContinuations = false,
            },
            _ => Interlocked.Increment(ref _dropped));
    }

    public ChannelReader<AmiEvent> Reader => _channel.Reader;

    public int Capacity { get; }

    /// <summary>Events dropped because this subscriber fell more than <see cref="Capacity"/> events behind.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    public IAsyncEnumerable<AmiEvent> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

    public void Dispose()
    {
        _unsubscribe(this);
        _channel.Writer.TryComplete();
    }

    /// <summary>Called by the reader: never blocks (DropOldest always accepts).</summary>
    internal void Offer(AmiEvent amiEvent)
    {
        if (_filter is null || _filter(amiEvent)) _channel.Writer.TryWrite(amiEvent);
    }
}
