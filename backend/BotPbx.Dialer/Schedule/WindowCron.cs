using System.Globalization;

namespace BotPbx.Dialer.Schedule;

/// <summary>
/// The two cron expressions (minute hour day month weekday, evaluated in the campaign's time zone by the job runner)
/// at which a campaign's window opens and closes. A job fired at either boundary recomputes
/// <see cref="CampaignSchedule.IsOpen"/> rather than trusting which boundary it is, so a late, repeated or misfired
/// run is harmless; the crons only need to fire at (or after) every instant the answer changes.
/// </summary>
public static class WindowCron
{
    /// <summary>February 31st: a valid expression that never fires (a schedule with no day listed).</summary>
    public const string Never = "0 0 31 2 *";

    public static (string Open, string Close) For(CampaignSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.Days.Count == 0) return (Never, Never);
        var days = schedule.Days;
        var nextDays = days.Select(d => (DayOfWeek)(((int)d + 1) % 7)).ToHashSet();
        if (schedule.Start == schedule.End)
        {
            // All day on the listed days: opens at midnight of a listed day, closes at midnight after it.
            return (At(TimeOnly.MinValue, days), At(TimeOnly.MinValue, nextDays));
        }
        // A window that spans midnight closes on the day after the one it opened on.
        return (At(schedule.Start, days), At(schedule.End, schedule.Start < schedule.End ? days : nextDays));
    }

    private static string At(TimeOnly time, IEnumerable<DayOfWeek> days) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{time.Minute} {time.Hour} * * {string.Join(',', days.Select(d => (int)d).Order())}");
}
