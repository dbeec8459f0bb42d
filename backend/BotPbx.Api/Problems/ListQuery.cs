namespace BotPbx.Api.Problems;

/// <summary>A list page: <c>{ items, total }</c>.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, long Total);

/// <summary>The list query every collection endpoint takes: <c>search</c>, <c>limit</c> (default 50, max 500), <c>offset</c>.</summary>
public sealed record ListQuery(string? Search, int Limit, int Offset)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Validates the raw query values; throws a 422 naming the bad field.</summary>
    public static ListQuery Validate(string? search, int? limit, int? offset)
    {
        var errors = new FieldErrors();
        errors.Range("limit", limit ?? DefaultLimit, 1, MaxLimit);
        errors.Check((offset ?? 0) >= 0, "offset", "must be 0 or more");
        errors.MaxLength("search", search, 200);
        errors.ThrowIfAny();
        return new ListQuery(string.IsNullOrWhiteSpace(search) ? null : search.Trim(), limit ?? DefaultLimit, offset ?? 0);
    }

    /// <summary>The search text as a case-insensitive LIKE pattern, with LIKE's own wildcards escaped.</summary>
    public string? LikePattern => Search is null
        ? null
        : "%" + Search.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
