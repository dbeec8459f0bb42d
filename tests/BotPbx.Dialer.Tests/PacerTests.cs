using BotPbx.Dialer.Pacing;

namespace BotPbx.Dialer.Tests;

public sealed class PacerTests
{
    private static PacingInput Input(int live = 0, int ringing = 0, int startedLastMinute = 0, int? free = null, int humans = 0, int abandoned = 0,
        int concurrent = 10, int perMinute = 100) =>
        new(concurrent, perMinute, live, ringing, startedLastMinute, free, humans, abandoned);

    [Fact]
    public void Concurrent_calls_cap_the_calls_started() => Assert.Equal(3, Pacer.CallsToStart(Input(live: 7)));

    [Fact]
    public void The_calls_per_minute_cap_wins_when_it_is_smaller() => Assert.Equal(2, Pacer.CallsToStart(Input(startedLastMinute: 98)));

    [Fact]
    public void Nothing_starts_when_a_cap_is_already_reached()
    {
        Assert.Equal(0, Pacer.CallsToStart(Input(live: 12)));
        Assert.Equal(0, Pacer.CallsToStart(Input(startedLastMinute: 150)));
    }

    [Fact]
    public void Without_enough_answers_yet_it_dials_one_call_per_free_agent() =>
        Assert.Equal(2, Pacer.CallsToStart(Input(free: 3, ringing: 1, humans: 5)));

    [Fact]
    public void No_free_agent_means_no_new_call() => Assert.Equal(0, Pacer.CallsToStart(Input(free: 0)));

    [Fact]
    public void A_low_abandon_rate_over_a_fair_sample_allows_over_dialling() =>
        Assert.Equal(6, Pacer.CallsToStart(Input(free: 4, humans: 100, abandoned: 0)));

    [Fact]
    public void Pacing_backs_off_to_one_call_per_agent_as_the_abandon_rate_nears_three_percent()
    {
        Assert.Equal(1.0, Pacer.OverDialRatio(100, 2));
        Assert.Equal(1.0, Pacer.OverDialRatio(100, 5));
        Assert.InRange(Pacer.OverDialRatio(100, 1), 1.2, 1.3);
        Assert.Equal(4, Pacer.CallsToStart(Input(free: 4, humans: 100, abandoned: 4)));
    }

    [Fact]
    public void The_abandon_rate_is_abandoned_over_people_who_answered()
    {
        Assert.Equal(0.05, Pacer.AbandonRate(100, 5), 6);
        Assert.Equal(0, Pacer.AbandonRate(0, 0));
    }
}
