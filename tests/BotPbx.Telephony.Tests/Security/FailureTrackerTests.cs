using System.Net;
using BotPbx.Telephony.Security;

namespace BotPbx.Telephony.Tests.Security;

public sealed class FailureTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.7");
    private static readonly SipBanPolicy Policy = new() { MaxFailures = 5, Window = TimeSpan.FromSeconds(60) };

    [Fact]
    public void The_fifth_failure_within_the_window_bans_and_not_one_before()
    {
        var tracker = new FailureTracker();
        for (var i = 0; i < 4; i++) Assert.False(tracker.RecordFailure(Attacker, T0.AddSeconds(i * 10), Policy));
        Assert.True(tracker.RecordFailure(Attacker, T0.AddSeconds(40), Policy));
        // The count starts again: the address is banned now, and if it is unbanned it gets its full allowance back.
        Assert.Equal(0, tracker.CountOf(Attacker, T0.AddSeconds(40), Policy));
        Assert.False(tracker.RecordFailure(Attacker, T0.AddSeconds(41), Policy));
    }

    [Fact]
    public void Failures_spread_wider_than_the_window_never_ban()
    {
        var tracker = new FailureTracker();
        // One every 15 s: at most 4 fall inside any 60 s.
        for (var i = 0; i < 100; i++) Assert.False(tracker.RecordFailure(Attacker, T0.AddSeconds(i * 15), Policy));
        Assert.Equal(4, tracker.CountOf(Attacker, T0.AddSeconds(99 * 15), Policy));
    }

    [Fact]
    public void A_failure_exactly_one_window_old_no_longer_counts()
    {
        var tracker = new FailureTracker();
        tracker.RecordFailure(Attacker, T0, Policy);
        for (var i = 1; i <= 3; i++) tracker.RecordFailure(Attacker, T0.AddSeconds(i), Policy);
        Assert.False(tracker.RecordFailure(Attacker, T0.AddSeconds(60), Policy));
        Assert.True(tracker.RecordFailure(Attacker, T0.AddSeconds(60.5), Policy));
    }

    [Fact]
    public void Addresses_are_counted_apart()
    {
        var tracker = new FailureTracker();
        var other = IPAddress.Parse("203.0.113.8");
        for (var i = 0; i < 4; i++)
        {
            Assert.False(tracker.RecordFailure(Attacker, T0, Policy));
            Assert.False(tracker.RecordFailure(other, T0, Policy));
        }
        Assert.True(tracker.RecordFailure(other, T0, Policy));
        Assert.Equal(4, tracker.CountOf(Attacker, T0, Policy));
    }

    [Fact]
    public void Allow_listed_addresses_are_never_counted()
    {
        var policy = Policy with { AllowList = [IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("2001:db8::/32")] };
        var tracker = new FailureTracker();
        for (var i = 0; i < 50; i++)
        {
            Assert.False(tracker.RecordFailure(Attacker, T0, policy));
            Assert.False(tracker.RecordFailure(IPAddress.Parse("::ffff:203.0.113.9"), T0, policy));
            Assert.False(tracker.RecordFailure(IPAddress.Parse("2001:db8::5"), T0, policy));
        }
        Assert.Equal(0, tracker.TrackedAddresses);
        Assert.True(SipBanPolicy.Default.IsAllowListed(IPAddress.Loopback));
        Assert.True(SipBanPolicy.Default.IsAllowListed(IPAddress.IPv6Loopback));
        Assert.False(SipBanPolicy.Default.IsAllowListed(IPAddress.Parse("127.0.2.9")));
    }

    [Fact]
    public void A_disabled_policy_counts_nothing()
    {
        var tracker = new FailureTracker();
        for (var i = 0; i < 50; i++) Assert.False(tracker.RecordFailure(Attacker, T0, Policy with { Enabled = false }));
        Assert.Equal(0, tracker.TrackedAddresses);
    }

    [Fact]
    public void An_IPv4_mapped_sender_is_counted_as_its_IPv4_address()
    {
        var tracker = new FailureTracker();
        for (var i = 0; i < 4; i++) tracker.RecordFailure(IPAddress.Parse("::ffff:203.0.113.7"), T0, Policy);
        Assert.True(tracker.RecordFailure(Attacker, T0, Policy));
    }

    [Fact]
    public void A_threshold_of_one_bans_on_the_first_failure()
    {
        Assert.True(new FailureTracker().RecordFailure(Attacker, T0, Policy with { MaxFailures = 1 }));
    }

    [Fact]
    public void Pruning_forgets_idle_addresses_and_forget_clears_one()
    {
        var tracker = new FailureTracker();
        tracker.RecordFailure(Attacker, T0, Policy);
        tracker.RecordFailure(IPAddress.Parse("198.51.100.1"), T0.AddSeconds(50), Policy);
        tracker.Prune(T0.AddSeconds(70), Policy);
        Assert.Equal(1, tracker.TrackedAddresses);
        tracker.Forget(IPAddress.Parse("198.51.100.1"));
        Assert.Equal(0, tracker.TrackedAddresses);
    }

    [Fact]
    public void Memory_stays_bounded_under_a_spray_of_addresses()
    {
        var tracker = new FailureTracker();
        for (var i = 0; i < FailureTracker.MaxTrackedAddresses + 500; i++)
        {
            tracker.RecordFailure(new IPAddress(0x0A000000u + (uint)i), T0.AddMilliseconds(i), Policy);
        }
        Assert.Equal(FailureTracker.MaxTrackedAddresses, tracker.TrackedAddresses);
    }
}
