namespace BotPbx.Asterisk.Ami;

/// <summary>
/// The set of subscriptions. Copy-on-write so the reader publishes without a lock; adding or removing a
/// subscriber is rare. A filter that throws is the subscriber's bug: it loses that event, the others do not.
/// Publishing is synchronous while every queue has room; only a full queue makes the reader wait (see
/// <see cref="AmiEventSubscription"/> for the policy).
/// </summary>
internal sealed class AmiEventHub(TimeSpan slowSubscriberTimeout, Action<AmiLogLevel, string>? log)
{
    private readonly Lock _gate = new();
    private volatile AmiEventSubscription[] _subscriptions = [];

    public AmiEventSubscription Subscribe(int capacity, Func<AmiEvent, bool>? filter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        var subscription = new AmiEventSubscription(capacity, filter, Remove) { Log = log };
        lock (_gate) _subscriptions = [.. _subscriptions, subscription];
        return subscription;
    }

    public int Count => _subscriptions.Length;

    /// <summary>Offers the event to every subscriber; completes synchronously unless a queue is full.</summary>
    public ValueTask Publish(AmiEvent amiEvent)
    {
        var subscriptions = _subscriptions;
        for (var i = 0; i < subscriptions.Length; i++)
        {
            if (Accepts(subscriptions[i], amiEvent) && !subscriptions[i].TryEnqueue(amiEvent))
            {
                return PublishSlowAsync(amiEvent, subscriptions, i);
            }
        }
        return ValueTask.CompletedTask;
    }

    public void OnConnectionLost()
    {
        foreach (var subscription in _subscriptions) subscription.OnConnectionLost();
    }

    public void OnReconnected()
    {
        foreach (var subscription in _subscriptions) subscription.OnReconnected();
    }

    private async ValueTask PublishSlowAsync(AmiEvent amiEvent, AmiEventSubscription[] subscriptions, int full)
    {
        for (var i = full; i < subscriptions.Length; i++)
        {
            var subscription = subscriptions[i];
            if (i != full && !Accepts(subscription, amiEvent)) continue;
            var deadline = Environment.TickCount64 + (long)slowSubscriberTimeout.TotalMilliseconds;
            while (!subscription.TryEnqueue(amiEvent))
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0 || !await subscription.WaitForRoomAsync(TimeSpan.FromMilliseconds(left)).ConfigureAwait(false))
                {
                    subscription.BeginOverflow();
                    break;
                }
            }
        }
    }

    private static bool Accepts(AmiEventSubscription subscription, AmiEvent amiEvent)
    {
        try
        {
            return subscription.Accepts(amiEvent);
        }
#pragma warning disable CA1031 // a subscriber's filter must not be able to kill the socket reader
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private void Remove(AmiEventSubscription subscription)
    {
        lock (_gate) _subscriptions = Array.FindAll(_subscriptions, s => !ReferenceEquals(s, subscription));
    }
}
