using System.Threading.Channels;

namespace BotPbx.Api.Features.Live;

/// <summary>
/// Publishes seed 003 events to everyone listening: every <c>/ws</c> client (filtered by its role and its subscribe
/// patterns) and the browsers on the SignalR hub. The live model publishes call/extension/queue events here; any other
/// feature may publish its own (<see cref="ILiveEvents"/>), e.g. agent.conversation.
/// </summary>
public interface ILiveEvents
{
    void Publish(LiveEvent liveEvent);
}

/// <summary>One listener of the bus: a /ws connection.</summary>
public sealed class LiveSubscriber(LiveViewer viewer, int capacity)
{
    private readonly Lock _gate = new();
    private string[] _patterns = ["*"];
    private bool _narrowed;
    private int _overflowed;

    public LiveViewer Viewer { get; } = viewer;

    /// <summary>Events to send, in order. Bounded: a client that reads slower than events come is cut off, not buffered forever.</summary>
    public Channel<LiveEvent> Queue { get; } = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(capacity) { SingleReader = true });

    public bool Overflowed => Volatile.Read(ref _overflowed) != 0;

    public IReadOnlyList<string> Patterns
    {
        get
        {
            lock (_gate) return _patterns;
        }
    }

    /// <summary>The first subscribe replaces the default (everything the role allows); later ones add to it.</summary>
    public void Subscribe(IEnumerable<string> patterns)
    {
        lock (_gate)
        {
            _patterns = _narrowed ? [.. _patterns.Union(patterns, StringComparer.OrdinalIgnoreCase)] : [.. patterns.Distinct(StringComparer.OrdinalIgnoreCase)];
            _narrowed = true;
        }
    }

    public void Unsubscribe(IEnumerable<string> patterns)
    {
        lock (_gate)
        {
            _patterns = [.. _patterns.Except(patterns, StringComparer.OrdinalIgnoreCase)];
            _narrowed = true;
        }
    }

    internal void Offer(LiveEvent liveEvent)
    {
        if (!liveEvent.Audience.Allows(Viewer) || !LiveTopicPattern.MatchesAny(Patterns, liveEvent.Topics)) return;
        if (!Queue.Writer.TryWrite(liveEvent) && Interlocked.Exchange(ref _overflowed, 1) == 0) Queue.Writer.TryComplete();
    }
}

public sealed class LiveEventBus(LiveHubDispatcher hub) : ILiveEvents
{
    private readonly Lock _gate = new();
    private volatile LiveSubscriber[] _subscribers = [];

    public int SubscriberCount => _subscribers.Length;

    public void Publish(LiveEvent liveEvent) => Publish(liveEvent, toBrowsers: true);

    /// <summary>The model's own events reach browsers as richer deltas (<see cref="LiveHubDispatcher"/>), so not twice.</summary>
    internal void Publish(LiveEvent liveEvent, bool toBrowsers)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        foreach (var subscriber in _subscribers) subscriber.Offer(liveEvent);
        if (toBrowsers) hub.Event(liveEvent);
    }

    public IDisposable Add(LiveSubscriber subscriber)
    {
        lock (_gate) _subscribers = [.. _subscribers, subscriber];
        return new Removal(this, subscriber);
    }

    private void Remove(LiveSubscriber subscriber)
    {
        lock (_gate) _subscribers = Array.FindAll(_subscribers, s => !ReferenceEquals(s, subscriber));
    }

    private sealed class Removal(LiveEventBus bus, LiveSubscriber subscriber) : IDisposable
    {
        public void Dispose() => bus.Remove(subscriber);
    }
}
