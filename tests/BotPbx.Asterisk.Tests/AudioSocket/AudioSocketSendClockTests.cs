using BotPbx.Asterisk.AudioSocket;

namespace BotPbx.Asterisk.Tests.AudioSocket;

/// <summary>The send clock's schedule, on a hand-moved clock: what is due when, never how fast a machine is.</summary>
public sealed class AudioSocketSendClockTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void The_first_frame_is_due_at_once_and_the_next_one_period_later()
    {
        var time = new ManualTimeProvider();
        var clock = new AudioSocketSendClock(time, Frame, maxCatchUpFrames: 2, Window);
        clock.Restart();

        Assert.Equal(TimeSpan.Zero, clock.NextDelay());
        clock.FrameSent();
        Assert.Equal(Frame, clock.NextDelay());
    }

    [Fact]
    public void A_late_frame_does_not_shift_the_grid()
    {
        var time = new ManualTimeProvider();
        var clock = new AudioSocketSendClock(time, Frame, maxCatchUpFrames: 2, Window);
        clock.Restart();
        clock.FrameSent();

        time.Advance(TimeSpan.FromMilliseconds(25));
        Assert.Equal(TimeSpan.Zero, clock.NextDelay());
        Assert.Equal(TimeSpan.FromMilliseconds(5), clock.FrameSent());

        // Frame 2 is still due at 40 ms, not 45 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(15), clock.NextDelay());
    }

    [Fact]
    public void After_a_stall_at_most_the_catch_up_bound_goes_out_back_to_back()
    {
        var time = new ManualTimeProvider();
        var clock = new AudioSocketSendClock(time, Frame, maxCatchUpFrames: 2, Window);
        clock.Restart();
        clock.FrameSent();

        time.Advance(TimeSpan.FromMilliseconds(20 + 200));
        var backToBack = 0;
        while (clock.NextDelay() == TimeSpan.Zero && backToBack < 100)
        {
            clock.FrameSent();
            backToBack++;
        }

        Assert.Equal(3, backToBack);
        Assert.True(clock.NextDelay() > TimeSpan.Zero);
    }

    [Fact]
    public void A_thousand_frames_sent_each_slightly_late_stay_on_the_grid()
    {
        var time = new ManualTimeProvider();
        var clock = new AudioSocketSendClock(time, Frame, maxCatchUpFrames: 2, Window);
        clock.Restart();

        for (var i = 0; i < 1000; i++)
        {
            time.Advance(clock.NextDelay() + TimeSpan.FromMilliseconds(3));
            Assert.Equal(TimeSpan.FromMilliseconds(3), clock.FrameSent());
        }
    }

    [Fact]
    public void After_a_stall_the_backlog_drains_three_frames_per_period_and_no_slot_is_skipped()
    {
        var time = new ManualTimeProvider();
        var clock = new AudioSocketSendClock(time, Frame, maxCatchUpFrames: 2, Window);
        clock.Restart();
        clock.FrameSent();

        // A 200 ms stall with audio queued all along: ten slots are missed.
        time.Advance(TimeSpan.FromMilliseconds(20 + 200));
        var lateness = new List<TimeSpan>();
        for (var sent = 0; sent < 40; sent++)
        {
            time.Advance(clock.NextDelay());
            lateness.Add(clock.FrameSent());
        }

        // Every slot got its frame (frame n is compared with slot n), the lateness only falls, and it reaches zero.
        Assert.Equal(TimeSpan.FromMilliseconds(200), lateness[0]);
        Assert.True(lateness.Zip(lateness.Skip(1)).All(pair => pair.Second <= pair.First));
        var caughtUp = lateness.FindIndex(l => l == TimeSpan.Zero);
        Assert.InRange(caughtUp, 10, 16);
        Assert.All(lateness.Skip(caughtUp), l => Assert.Equal(TimeSpan.Zero, l));
    }

    [Fact]
    public void Audio_that_resumes_after_a_short_gap_is_caught_up_and_after_a_pause_starts_a_fresh_grid()
    {
        var time = new ManualTimeProvider();
        var clock = new AudioSocketSendClock(time, Frame, maxCatchUpFrames: 2, Window);
        clock.Restart();
        clock.FrameSent();

        // The queue ran dry; audio is back 100 ms after its slot: within the window, so the grid stays and it catches up.
        time.Advance(TimeSpan.FromMilliseconds(120));
        clock.Resume();
        Assert.Equal(TimeSpan.FromMilliseconds(100), clock.FrameSent());

        // Dry again; the next audio comes 2 s later: a pause, so it goes at once on a new grid and is not bursted.
        time.Advance(TimeSpan.FromSeconds(2));
        clock.Resume();
        Assert.Equal(TimeSpan.Zero, clock.NextDelay());
        Assert.Equal(TimeSpan.Zero, clock.FrameSent());
        Assert.Equal(Frame, clock.NextDelay());
    }
}
