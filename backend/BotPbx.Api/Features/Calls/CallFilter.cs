using System.Globalization;
using System.Text.RegularExpressions;
using BotPbx.Api.Problems;

namespace BotPbx.Api.Features.Calls;

/// <summary>
/// The call-log query: date range (a day, <c>2024-01-31</c>, counts in the company's time zone and <c>end</c> is
/// inclusive; a date-time with an offset is taken as given), filters, paging and sort (<c>startedAt</c>,
/// <c>-duration</c>…: a leading <c>-</c> sorts descending). Validated once, here; every bad value is a 422 naming it.
/// </summary>
public sealed partial record CallFilter
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? Direction { get; init; }
    public string? Extension { get; init; }
    public string? Search { get; init; }
    public string? Disposition { get; init; }
    public long? TrunkId { get; init; }
    public string? Queue { get; init; }
    public int Limit { get; init; } = ListQuery.DefaultLimit;
    public int Offset { get; init; }
    public string SortColumn { get; init; } = "started_at";
    public bool Descending { get; init; } = true;

    public static readonly IReadOnlyList<string> Directions = ["inbound", "outbound", "internal"];

    /// <summary>Query value → stored disposition (Asterisk's words).</summary>
    public static readonly IReadOnlyDictionary<string, string> Dispositions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["answered"] = "ANSWERED", ["no_answer"] = "NO ANSWER", ["no answer"] = "NO ANSWER", ["busy"] = "BUSY",
        ["failed"] = "FAILED", ["congestion"] = "CONGESTION",
    };

    /// <summary>Sort keys → columns (never user text in SQL).</summary>
    public static readonly IReadOnlyDictionary<string, string> SortColumns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["startedAt"] = "started_at", ["duration"] = "duration", ["billsec"] = "billsec", ["from"] = "from_number",
        ["to"] = "to_number", ["disposition"] = "disposition", ["extension"] = "extension", ["direction"] = "direction",
    };

    public static CallFilter Validate(CallQueryParameters q, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(q);
        var errors = new FieldErrors();
        var from = ParseTime(errors, "start", q.Start, zone, endOfDay: false);
        var to = ParseTime(errors, "end", q.End, zone, endOfDay: true);
        if (from is not null && to is not null) errors.Check(from <= to, "end", "must not be before start");
        if (q.Direction is { Length: > 0 }) errors.Check(Directions.Contains(q.Direction), "direction", "must be inbound, outbound or internal");
        if (q.Extension is { Length: > 0 }) errors.Check(InternalNumber().IsMatch(q.Extension), "extension", "must be an extension number (2 to 8 digits)");
        if (q.Queue is { Length: > 0 }) errors.Check(InternalNumber().IsMatch(q.Queue), "queue", "must be a queue number (2 to 8 digits)");
        if (q.Search is { Length: > 0 })
            errors.Check(q.Search.Length <= 64 && SearchText().IsMatch(q.Search), "search", "must be up to 64 letters, digits, spaces and + * # . - '");
        string? disposition = null;
        if (q.Disposition is { Length: > 0 } && !Dispositions.TryGetValue(q.Disposition, out disposition))
            errors.Add("disposition", "must be answered, no_answer, busy, failed or congestion");
        if (q.Trunk is { } trunk) errors.Check(trunk > 0, "trunk", "must be a trunk id");
        var sortKey = q.Sort is { Length: > 0 } s ? s.TrimStart('-') : "startedAt";
        errors.Check(SortColumns.ContainsKey(sortKey), "sort", "must be one of " + string.Join(", ", SortColumns.Keys) + ", optionally with a leading -");
        var page = ListQueryOrErrors(errors, q.Limit, q.Offset);
        errors.ThrowIfAny();
        return new CallFilter
        {
            From = from,
            To = to,
            Direction = NullIfEmpty(q.Direction),
            Extension = NullIfEmpty(q.Extension),
            Search = NullIfEmpty(q.Search?.Trim()),
            Disposition = disposition,
            TrunkId = q.Trunk,
            Queue = NullIfEmpty(q.Queue),
            Limit = page.Limit,
            Offset = page.Offset,
            SortColumn = SortColumns[sortKey],
            Descending = q.Sort is not { Length: > 0 } || q.Sort.StartsWith('-'),
        };
    }

    private static (int Limit, int Offset) ListQueryOrErrors(FieldErrors errors, int? limit, int? offset)
    {
        errors.Range("limit", limit ?? ListQuery.DefaultLimit, 1, ListQuery.MaxLimit);
        errors.Check((offset ?? 0) >= 0, "offset", "must be 0 or more");
        return (limit ?? ListQuery.DefaultLimit, offset ?? 0);
    }

    /// <summary>A day (in <paramref name="zone"/>) or an ISO 8601 date-time with an offset.</summary>
    private static DateTimeOffset? ParseTime(FieldErrors errors, string field, string? value, TimeZoneInfo zone, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var local = day.ToDateTime(TimeOnly.MinValue);
            if (endOfDay) local = local.AddDays(1);
            // Npgsql writes only UTC offsets to timestamptz.
            var at = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
            return endOfDay ? at.AddTicks(-1) : at;
        }
        if (value.Length >= 20 && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact) && HasOffset().IsMatch(value))
            return exact.ToUniversalTime();
        errors.Add(field, "must be a date (2024-01-31) or a date-time with an offset (2024-01-31T09:00:00Z)");
        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [GeneratedRegex(@"\A[1-9][0-9]{1,7}\z", RegexOptions.CultureInvariant)]
    private static partial Regex InternalNumber();

    [GeneratedRegex(@"\A[A-Za-z0-9 +*#.'\-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex SearchText();

    [GeneratedRegex(@"(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex HasOffset();
}

/// <summary>The raw query string of GET /api/calls and its CSV export.</summary>
public sealed record CallQueryParameters(
    string? Start, string? End, string? Direction, string? Extension, string? Search, string? Disposition, long? Trunk,
    string? Queue, int? Limit, int? Offset, string? Sort);
