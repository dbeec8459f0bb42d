using BotPbx.Dialer.Schedule;

namespace BotPbx.Dialer.Tests;

public sealed class WindowCronTests
{
    private static readonly HashSet<DayOfWeek> Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    [Fact]
    public void A_daytime_window_opens_and_closes_on_its_own_days()
    {
        var (open, close) = WindowCron.For(new CampaignSchedule(new TimeOnly(9, 30), new TimeOnly(18, 0), Weekdays, TimeZoneInfo.Utc));
        Assert.Equal("30 9 * * 1,2,3,4,5", open);
        Assert.Equal("0 18 * * 1,2,3,4,5", close);
    }

    [Fact]
    public void A_window_that_spans_midnight_closes_the_next_day()
    {
        var (open, close) = WindowCron.For(new CampaignSchedule(new TimeOnly(22, 0), new TimeOnly(2, 0), new HashSet<DayOfWeek> { DayOfWeek.Saturday }, TimeZoneInfo.Utc));
        Assert.Equal("0 22 * * 6", open);
        Assert.Equal("0 2 * * 0", close);
    }

    [Fact]
    public void An_all_day_window_turns_at_midnight()
    {
        var (open, close) = WindowCron.For(new CampaignSchedule(new TimeOnly(8, 0), new TimeOnly(8, 0), new HashSet<DayOfWeek> { DayOfWeek.Sunday, DayOfWeek.Friday }, TimeZoneInfo.Utc));
        Assert.Equal("0 0 * * 0,5", open);
        Assert.Equal("0 0 * * 1,6", close);
    }

    [Fact]
    public void A_schedule_without_days_never_fires()
    {
        Assert.Equal((WindowCron.Never, WindowCron.Never), WindowCron.For(new CampaignSchedule(new TimeOnly(9, 0), new TimeOnly(17, 0), new HashSet<DayOfWeek>(), TimeZoneInfo.Utc)));
    }
}
