using System.Globalization;
using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

public sealed record TimeRange(IReadOnlyList<string> Days, string Start, string End);

public sealed record TimeConditionData(string TimeZone, IReadOnlyList<TimeRange> Ranges, IReadOnlyList<string>? Holidays = null, string? Label = null);

/// <summary>
/// <c>true</c> when the current time in the IANA zone falls in one of the ranges (start inclusive, end exclusive,
/// "24:00" = end of day) and the date is not a holiday; otherwise <c>false</c>. Uses the runtime's TimeProvider.
/// </summary>
public sealed class TimeConditionExecutor : INodeExecutor<TimeConditionData>
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public static readonly NodeSpec Spec = new NodeSpec<TimeConditionData>("timeCondition", new TimeConditionExecutor(),
        _ => ["true", "false"],
        check: Check);

    public Task<NodeResult> ExecuteAsync(NodeContext context, TimeConditionData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(data.TimeZone);
        var local = TimeZoneInfo.ConvertTime(context.Runtime.Time.GetUtcNow(), zone);
        var detail = local.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + data.TimeZone;
        var result = IsOpen(data, local.DateTime) ? "true" : "false";
        return Task.FromResult(NodeResult.Next(result, detail));
    }

    internal static bool IsOpen(TimeConditionData data, DateTime local)
    {
        var date = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (data.Holidays?.Contains(date) == true) return false;
        var day = DayNames[(int)local.DayOfWeek];
        var minute = local.Hour * 60 + local.Minute;
        return data.Ranges.Any(r => r.Days.Contains(day) && minute >= Minutes(r.Start) && minute < Minutes(r.End));
    }

    private static int Minutes(string hhmm) =>
        int.Parse(hhmm.AsSpan(0, 2), CultureInfo.InvariantCulture) * 60 + int.Parse(hhmm.AsSpan(3, 2), CultureInfo.InvariantCulture);

    private static IEnumerable<(string, string)> Check(TimeConditionData data)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(data.TimeZone, out _)) yield return ("timeZone", $"'{data.TimeZone}' is not a known IANA time zone");
        for (var i = 0; i < data.Ranges.Count; i++)
        {
            if (Minutes(data.Ranges[i].Start) >= Minutes(data.Ranges[i].End)) yield return ($"ranges[{i}].end", "must be after the start");
        }
        for (var i = 0; i < (data.Holidays?.Count ?? 0); i++)
        {
            if (!DateOnly.TryParseExact(data.Holidays![i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                yield return ($"holidays[{i}]", "is not a valid date");
            }
        }
    }
}
