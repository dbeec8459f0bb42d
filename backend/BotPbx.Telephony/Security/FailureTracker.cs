using System.Net;

namespace BotPbx.Telephony.Security;

/// <summary>
/// Counts failed SIP requests per sender address in a sliding window and says when one has to be banned. Pure and
/// single-threaded (the caller serialises): time comes in with every call, so tests drive it without clocks.
/// Memory stays bounded: an address's old failures are dropped as it is counted, idle addresses by
/// <see cref="Prune"/>, and past <see cref="MaxTrackedAddresses"/> the stalest address is forgotten first.
/// </summary>
public sealed class FailureTracker
{
    public const int MaxTrackedAddresses = 20_000;

    private readonly Dictionary<IPAddress, Queue<DateTimeOffset>> _failures = [];

    public int TrackedAddresses => _failures.Count;

    /// <summary>
    /// Counts one failure of <paramref name="address"/> at <paramref name="at"/>. True when this failure reaches the
    /// policy's threshold: the caller bans the address, and its count starts again from zero.
    /// Allow-listed addresses are never counted; with the policy disabled nothing is.
    /// </summary>
    public bool RecordFailure(IPAddress address, DateTimeOffset at, SipBanPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(policy);
        address = Normalize(address);
        if (!policy.Enabled || policy.IsAllowListed(address)) return false;
        if (!_failures.TryGetValue(address, out var times))
        {
            if (_failures.Count >= MaxTrackedAddresses) ForgetStalest();
            _failures[address] = times = new Queue<DateTimeOffset>();
        }
        times.Enqueue(at);
        DropOlderThan(times, at - policy.Window);
        if (times.Count < policy.MaxFailures) return false;
        _failures.Remove(address);
        return true;
    }

    /// <summary>Failures of <paramref name="address"/> still inside the window at <paramref name="now"/>.</summary>
    public int CountOf(IPAddress address, DateTimeOffset now, SipBanPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(policy);
        return _failures.TryGetValue(Normalize(address), out var times) ? times.Count(t => t > now - policy.Window) : 0;
    }

    /// <summary>Forgets the failures of one address (it was banned or unbanned by hand).</summary>
    public void Forget(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _failures.Remove(Normalize(address));
    }

    /// <summary>Drops every failure older than the window, and addresses left with none.</summary>
    public void Prune(DateTimeOffset now, SipBanPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        foreach (var (address, times) in _failures.ToList())
        {
            DropOlderThan(times, now - policy.Window);
            if (times.Count == 0) _failures.Remove(address);
        }
    }

    /// <summary>The key an address is counted and banned under: an IPv4-mapped IPv6 sender is its IPv4 address.</summary>
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    private static void DropOlderThan(Queue<DateTimeOffset> times, DateTimeOffset cutoff)
    {
        while (times.Count > 0 && times.Peek() <= cutoff) times.Dequeue();
    }

    private void ForgetStalest()
    {
        var stalest = _failures.MinBy(pair => pair.Value.Count == 0 ? DateTimeOffset.MinValue : pair.Value.Last()).Key;
        _failures.Remove(stalest);
    }
}
