using System.Globalization;

namespace BotPbx.Dialer.Schedule;

/// <summary>
/// When a campaign may call: local wall-clock times on the listed days, in an IANA time zone. The window is
/// [start, end) local time; an end before the start spans midnight and belongs to the day it starts on (22:00–02:00
/// on Friday covers Friday night and early Saturday). Local wall-clock comparisons are what DST needs: 09:00 stays
/// 09:00 on both sides of a change, and a window never opens in the hour a spring-forward skips.
/// </summary>
public sealed record CampaignSchedule(TimeOnly Start, TimeOnly End, IReadOnlySet<DayOfWeek> Days, TimeZoneInfo Zone)
{
    public static readonly IReadOnlyList<string> DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (Start == End) return Days.Contains(local.DayOfWeek);
        if (Start < End) return Days.Contains(local.DayOfWeek) && time >= Start && time < End;
        // Overnight: the evening part on a listed day, or the morning part after a listed day.
        return (time >= Start && Days.Contains(local.DayOfWeek)) || (time < End && Days.Contains(local.AddDays(-1).DayOfWeek));
    }

    /// <summary>The next instant the window is open at or after <paramref name="now"/> (minute resolution), or null when no day is listed.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset now)
    {
        if (Days.Count == 0) return null;
        if (IsOpen(now)) return now;
        // Walk forward a minute at a time from the next whole minute; at most eight days of minutes (cheap, exact across DST).
        var t = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), now.Offset).AddMinutes(1);
        for (var i = 0; i < 8 * 24 * 60; i++, t = t.AddMinutes(1))
            if (IsOpen(t)) return t;
        return null;
    }

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static bool TryParseDay(string? text, out DayOfWeek day)
    {
        var index = DayNames.ToList().IndexOf(text?.ToLowerInvariant() ?? "");
        day = index < 0 ? default : (DayOfWeek)index;
        return index >= 0;
    }
}
