namespace BotPbx.Asterisk.Ami;

/// <summary>
/// The set of subscriptions. Copy-on-write so the reader publishes without a lock; adding or removing a
/// subscriber is rare. A filter that throws is the subscriber's bug: it loses that event, the others do not.
/// </summary>
internal sealed class AmiEventHub
{
    private readonly Lock _gate = new();
    private volatile AmiEventSubscription[] _subscriptions = [];

    public AmiEventSubscription Subscribe(int capacity, Func<AmiEvent, bool>? filter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        var subscription = new AmiEventSubscription(capacity, filter, Remove);
        lock (_gate) _subscriptions = [.. _subscriptions, subscription];
        return subscription;
    }

    public int Count => _subscriptions.Length;

    public void Publish(AmiEvent amiEvent)
    {
        foreach (var subscription in _subscriptions)
        {
            try
            {
                subscription.Offer(amiEvent);
            }
#pragma warning disable CA1031 // a subscriber's filter must not be able to kill the socket reader
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private void Remove(AmiEventSubscription subscription)
    {
        lock (_gate) _subscriptions = Array.FindAll(_subscriptions, s => !ReferenceEquals(s, subscription));
    }
}
