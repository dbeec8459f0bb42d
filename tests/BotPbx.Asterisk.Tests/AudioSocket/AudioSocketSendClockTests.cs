using BotPbx.Asterisk.AudioSocket;

namespace BotPbx.Asterisk.Tests.AudioSocket;

/// <summary>The send clock's schedule, on a hand-moved clock: what is due when, never how fast a machine is.</summary>
public sealed class AudioSocketSendClockTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void The_first_frame_is_due_at_once_and_the_next_one_period_later()
    {
        var time = new ManualTimeProvider();
        var clock = new AudioSocketSendClock(time, Frame, maxCatchUpFrames: 2);
        clock.Restart();

        Assert.Equal(TimeSpan.Zero, clock.NextDelay());
        clock.FrameSent();
        Assert.Equal(Frame, clock.NextDelay());
    }

    [Fact]
    public void A_late_frame_does_not_shift_the_grid()
    {
        var time = new ManualTimeProvider();
        var clock = new AudioSocketSendClock(time, Frame, maxCatchUpFrames: 2);
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
        var clock = new AudioSocketSendClock(time, Frame, maxCatchUpFrames: 2);
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
        var clock = new AudioSocketSendClock(time, Frame, maxCatchUpFrames: 2);
        clock.Restart();

        for (var i = 0; i < 1000; i++)
        {
            time.Advance(clock.NextDelay() + TimeSpan.FromMilliseconds(3));
            Assert.Equal(TimeSpan.FromMilliseconds(3), clock.FrameSent());
        }
    }
}
