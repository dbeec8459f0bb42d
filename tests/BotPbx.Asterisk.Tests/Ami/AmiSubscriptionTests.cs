using System.Globalization;
using BotPbx.Asterisk.Ami;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>The back-pressure policy: each subscriber has a bounded queue; when full, its oldest event is dropped and counted.</summary>
public sealed class AmiSubscriptionTests
{
    [Fact]
    public async Task A_slow_subscriber_loses_its_oldest_events_and_nobody_else_is_held_up()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        using var slow = harness.Client.Subscribe(e => e.Is("UserEvent"), capacity: 10);
        using var fast = harness.Client.Subscribe(e => e.Is("UserEvent"), capacity: 1000);

        for (var i = 1; i <= 50; i++)
        {
            await harness.Server.PushEventAsync(FakeAmiReplies.Event("UserEvent", ("UserEvent", "Seq"), ("N", i.ToString(CultureInfo.InvariantCulture))), harness.Timeout);
        }
        // The Ping answer follows the 50 events on the same socket: once it is back, all were dispatched.
        await harness.Client.PingAsync(harness.Timeout);

        Assert.Equal(40, slow.DroppedCount);
        Assert.Equal(Enumerable.Range(41, 10), Drain(slow));
        Assert.Equal(0, fast.DroppedCount);
        Assert.Equal(Enumerable.Range(1, 50), Drain(fast));
    }

    [Fact]
    public async Task A_filter_selects_events_and_a_disposed_subscription_completes()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        var hangups = harness.Client.Subscribe(e => e.Is("Hangup"));

        await harness.Server.PushEventAsync(FakeAmiReplies.Event("Newchannel", ("Channel", "PJSIP/1001-00000001")), harness.Timeout);
        await harness.Server.PushEventAsync(FakeAmiReplies.Event("Hangup", ("Channel", "PJSIP/1001-00000001"), ("Cause", "16")), harness.Timeout);
        await harness.Client.PingAsync(harness.Timeout);
        hangups.Dispose();

        var seen = new List<AmiEvent>();
        await foreach (var amiEvent in hangups.ReadAllAsync(harness.Timeout)) seen.Add(amiEvent);
        var hangup = Assert.Single(seen);
        Assert.Equal(16, Assert.IsType<HangupEvent>(hangup.ToTyped()).Cause);
    }

    [Fact]
    public async Task A_filter_that_throws_costs_only_its_own_subscriber_the_event()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        using var broken = harness.Client.Subscribe(_ => throw new InvalidOperationException("bug in a consumer"));
        using var healthy = harness.Client.Subscribe(e => e.Is("UserEvent"));

        await harness.Server.PushEventAsync(FakeAmiReplies.Event("UserEvent", ("UserEvent", "Still")), harness.Timeout);
        await harness.Client.PingAsync(harness.Timeout);

        Assert.True(healthy.Reader.TryRead(out var amiEvent));
        Assert.Equal("Still", amiEvent["UserEvent"]);
        Assert.Equal(AmiConnectionState.Connected, harness.Client.Status.State);
    }

    private static List<int> Drain(AmiEventSubscription subscription)
    {
        var numbers = new List<int>();
        while (subscription.Reader.TryRead(out var amiEvent)) numbers.Add(amiEvent.GetInt32("N")!.Value);
        return numbers;
    }
}
