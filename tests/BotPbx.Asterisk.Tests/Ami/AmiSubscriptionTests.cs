using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using BotPbx.Asterisk.Ami;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>
/// Nothing is lost silently (issue 13): a full subscriber holds the reader back; one stuck past the timeout loses
/// events that are counted, logged, signalled and marked in its stream; a reconnect is marked the same way.
/// </summary>
public sealed class AmiSubscriptionTests
{
    [Fact]
    public async Task A_burst_larger_than_the_queue_reaches_a_counting_subscriber_whole_and_in_order()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync(configure: o => o.EventBufferCapacity = 1000);
        using var subscription = harness.Client.Subscribe(e => e.Is("UserEvent"));
        const int burst = 20_000;
        var counting = Task.Run(async () =>
        {
            var expected = 1;
            await foreach (var amiEvent in subscription.ReadAllAsync(harness.Timeout))
            {
                Assert.Equal(expected, amiEvent.GetInt32("N"));
                if (++expected > burst) return expected - 1;
            }
            return expected - 1;
        });

        // One write of 20,000 events: far more than the queue holds, as fast as the socket carries them.
        var bytes = new StringBuilder();
        for (var i = 1; i <= burst; i++) bytes.Append(FakeAmiReplies.Event("UserEvent", ("UserEvent", "Seq"), ("N", i.ToString(CultureInfo.InvariantCulture))));
        await harness.Server.PushBytesAsync(Encoding.ASCII.GetBytes(bytes.ToString()), harness.Timeout);

        Assert.Equal(burst, await counting);
        Assert.Equal(0, subscription.LostCount);
    }

    [Fact]
    public async Task A_full_subscriber_holds_the_reader_back_and_loses_nothing_while_it_keeps_reading()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        using var slow = harness.Client.Subscribe(e => e.Is("UserEvent"), capacity: 10);
        using var fast = harness.Client.Subscribe(e => e.Is("UserEvent"), capacity: 1000);

        await PushNumberedAsync(harness, 1, 50);
        // The Ping answer is behind the 50 events; it can only arrive once the slow queue made room for all of them.
        var ping = harness.Client.PingAsync(harness.Timeout);
        var seen = new List<int>();
        while (seen.Count < 50) seen.Add((await slow.Reader.ReadAsync(harness.Timeout)).GetInt32("N")!.Value);
        await ping;

        Assert.Equal(Enumerable.Range(1, 50), seen);
        Assert.Equal(0, slow.LostCount);
        Assert.Equal(Enumerable.Range(1, 50), Drain(fast));
    }

    [Fact]
    public async Task A_subscriber_stuck_past_the_timeout_loses_counted_events_is_told_at_once_and_finds_a_marker_where_the_gap_is()
    {
        var log = new ConcurrentQueue<AmiLogEntry>();
        await using var harness = await AmiTestHarness.ConnectedAsync(configure: o =>
        {
            o.SlowSubscriberTimeout = TimeSpan.FromMilliseconds(100);
            o.Log = log.Enqueue;
        });
        using var stuck = harness.Client.Subscribe(e => e.Is("UserEvent"), capacity: 10);
        using var fast = harness.Client.Subscribe(e => e.Is("UserEvent"), capacity: 1000);
        var told = new TaskCompletionSource<AmiEventsLost>(TaskCreationOptions.RunContinuationsAsynchronously);
        stuck.EventsLost += (_, loss) => told.TrySetResult(loss);

        await PushNumberedAsync(harness, 1, 50);
        await harness.Client.PingAsync(harness.Timeout);

        Assert.Equal(AmiEventsLost.SlowSubscriber, (await told.Task.WaitAsync(harness.Timeout)).Reason);
        Assert.Equal(40, stuck.LostCount);
        Assert.Contains(log, e => e.Level == AmiLogLevel.Warning && e.Message.Contains("dropping", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, 10), Drain(stuck));

        // Once it has room again the stream resumes, with the marker first.
        await PushNumberedAsync(harness, 51, 51);
        await harness.Client.PingAsync(harness.Timeout);
        Assert.True(stuck.Reader.TryRead(out var marker));
        var gap = Assert.IsType<EventsLostEvent>(marker.ToTyped());
        Assert.Equal(40, gap.Lost);
        Assert.Equal(AmiEventsLost.SlowSubscriber, gap.Reason);
        Assert.Equal([51], Drain(stuck));
        Assert.Equal(Enumerable.Range(1, 51), Drain(fast));
        Assert.Equal(0, fast.LostCount);
    }

    [Fact]
    public async Task After_a_reconnect_every_subscriber_is_told_and_its_stream_carries_a_marker_before_the_new_events()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        using var subscription = harness.Client.Subscribe(e => e.Is("UserEvent") || e.Is(EventsLostEvent.EventName));
        var told = new TaskCompletionSource<AmiEventsLost>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscription.EventsLost += (_, loss) => told.TrySetResult(loss);

        await harness.Server.DropConnectionsAsync();
        await harness.WaitForStatusAsync(s => s.State == AmiConnectionState.Connected && s.Reconnects == 1);
        await PushNumberedAsync(harness, 1, 1);

        Assert.Equal(AmiEventsLost.Reconnected, (await told.Task.WaitAsync(harness.Timeout)).Reason);
        var marker = await subscription.Reader.ReadAsync(harness.Timeout);
        Assert.Equal(AmiEventsLost.Reconnected, Assert.IsType<EventsLostEvent>(marker.ToTyped()).Reason);
        Assert.Equal(1, (await subscription.Reader.ReadAsync(harness.Timeout)).GetInt32("N"));
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

    private static async Task PushNumberedAsync(AmiTestHarness harness, int from, int to)
    {
        for (var i = from; i <= to; i++)
        {
            await harness.Server.PushEventAsync(FakeAmiReplies.Event("UserEvent", ("UserEvent", "Seq"), ("N", i.ToString(CultureInfo.InvariantCulture))), harness.Timeout);
        }
    }

    private static List<int> Drain(AmiEventSubscription subscription)
    {
        var numbers = new List<int>();
        while (subscription.Reader.TryRead(out var amiEvent)) numbers.Add(amiEvent.GetInt32("N")!.Value);
        return numbers;
    }
}
