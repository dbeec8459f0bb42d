using BotPbx.Dialer.Schedule;

namespace BotPbx.Dialer.Tests;

public sealed class CampaignScheduleTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly HashSet<DayOfWeek> Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static CampaignSchedule NineToSix(TimeZoneInfo zone) => new(new TimeOnly(9, 0), new TimeOnly(18, 0), Weekdays, zone);

    [Theory]
    // Friday 7 March 2025 (EST, UTC-5): 09:00 local is 14:00 UTC.
    [InlineData("2025-03-07T13:59:00Z", false)]
    [InlineData("2025-03-07T14:00:00Z", true)]
    [InlineData("2025-03-07T22:59:00Z", true)]
    [InlineData("2025-03-07T23:00:00Z", false)]
    // Monday 10 March 2025, the day after the spring change (EDT, UTC-4): 09:00 local is 13:00 UTC.
    [InlineData("2025-03-10T13:00:00Z", true)]
    [InlineData("2025-03-10T12:59:00Z", false)]
    [InlineData("2025-03-10T21:59:00Z", true)]
    [InlineData("2025-03-10T22:00:00Z", false)]
    // Saturday: closed.
    [InlineData("2025-03-08T15:00:00Z", false)]
    public void The_window_follows_local_wall_clock_time_across_the_spring_DST_change(string utc, bool open) =>
        Assert.Equal(open, NineToSix(NewYork).IsOpen(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    // Monday 3 November 2025, after the autumn change (EST again): 09:00 local is 14:00 UTC.
    [InlineData("2025-11-03T13:30:00Z", false)]
    [InlineData("2025-11-03T14:00:00Z", true)]
    // Friday 31 October 2025 (EDT): 09:00 local is 13:00 UTC.
    [InlineData("2025-10-31T13:30:00Z", true)]
    public void The_window_follows_local_wall_clock_time_across_the_autumn_DST_change(string utc, bool open) =>
        Assert.Equal(open, NineToSix(NewYork).IsOpen(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void An_overnight_window_belongs_to_the_day_it_starts_on()
    {
        var nights = new CampaignSchedule(new TimeOnly(22, 0), new TimeOnly(2, 0), new HashSet<DayOfWeek> { DayOfWeek.Friday }, TimeZoneInfo.Utc);
        Assert.True(nights.IsOpen(new DateTimeOffset(2025, 3, 7, 23, 0, 0, TimeSpan.Zero)));   // Friday night
        Assert.True(nights.IsOpen(new DateTimeOffset(2025, 3, 8, 1, 0, 0, TimeSpan.Zero)));    // early Saturday
        Assert.False(nights.IsOpen(new DateTimeOffset(2025, 3, 7, 1, 0, 0, TimeSpan.Zero)));   // early Friday: Thursday is not listed
        Assert.False(nights.IsOpen(new DateTimeOffset(2025, 3, 8, 23, 0, 0, TimeSpan.Zero)));  // Saturday night
    }

    [Fact]
    public void The_next_opening_after_friday_evening_is_monday_nine_local()
    {
        var next = NineToSix(NewYork).NextOpening(new DateTimeOffset(2025, 3, 7, 23, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 13, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Equal_start_and_end_mean_all_day_on_the_listed_days()
    {
        var allDay = new CampaignSchedule(TimeOnly.MinValue, TimeOnly.MinValue, Weekdays, TimeZoneInfo.Utc);
        Assert.True(allDay.IsOpen(new DateTimeOffset(2025, 3, 7, 3, 0, 0, TimeSpan.Zero)));
        Assert.False(allDay.IsOpen(new DateTimeOffset(2025, 3, 8, 3, 0, 0, TimeSpan.Zero)));
    }
}
