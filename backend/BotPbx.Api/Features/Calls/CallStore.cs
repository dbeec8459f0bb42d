using System.Data.Common;
using System.Text;
using BotPbx.Data;
using Dapper;

namespace BotPbx.Api.Features.Calls;

/// <summary>Reads the call log. <paramref name="visibleExtensions"/> null = every call; otherwise only calls involving one of them.</summary>
public sealed class CallStore(IDbConnectionFactory database)
{
    private const string Select = """
        SELECT id, call_id, direction, from_number AS "from", from_name, to_number AS "to", did, trunk_id, trunk_name AS trunk,
            extension, extensions, answered_by, queue, ivr_path, started_at, answered_at, ended_at, duration, billsec,
            wait_seconds, disposition, hangup_cause,
            CASE WHEN recording_path IS NULL THEN NULL ELSE '/api/calls/' || id || '/recording' END AS recording_url,
            transcript_id, originated_by, legs
        FROM calls
        """;

    public async Task<(IReadOnlyList<CallRecord> Items, long Total)> ListAsync(CallFilter filter, string[]? visibleExtensions, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(filter, visibleExtensions);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM calls" + where, parameters,
            cancellationToken: cancellationToken));
        parameters.Add("limit", filter.Limit);
        parameters.Add("offset", filter.Offset);
        var rows = await connection.QueryAsync<CallRecord>(new CommandDefinition(
            Select + where + OrderBy(filter) + " LIMIT @limit OFFSET @offset", parameters, cancellationToken: cancellationToken));
        return (rows.ToList(), total);
    }

    public async Task<CallRecord?> GetAsync(long id, string[]? visibleExtensions, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CallRecord>(new CommandDefinition(
            Select + " WHERE id = @id AND (@all OR extensions && @mine)",
            new { id, all = visibleExtensions is null, mine = visibleExtensions ?? [] }, cancellationToken: cancellationToken));
    }

    public async Task<string?> RecordingPathAsync(long id, string[]? visibleExtensions, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT recording_path FROM calls WHERE id = @id AND (@all OR extensions && @mine)",
            new { id, all = visibleExtensions is null, mine = visibleExtensions ?? [] }, cancellationToken: cancellationToken));
    }

    /// <summary>Every matching call (paging ignored), one at a time from the server: memory stays flat for any size.</summary>
    public async IAsyncEnumerable<CallRecord> StreamAsync(CallFilter filter, string[]? visibleExtensions,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(filter, visibleExtensions);
        await using var connection = await database.OpenAsync(cancellationToken);
        var reader = await connection.ExecuteReaderAsync(new CommandDefinition(Select + where + OrderBy(filter), parameters,
            cancellationToken: cancellationToken));
        await using (reader.ConfigureAwait(false))
        {
            var parser = reader.GetRowParser<CallRecord>();
            while (await ((DbDataReader)reader).ReadAsync(cancellationToken)) yield return parser(reader);
        }
    }

    /// <summary>The extension numbers of a user (an agent sees only calls of these).</summary>
    public async Task<string[]> ExtensionsOfUserAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT number FROM pbx_extensions WHERE user_id = @userId ORDER BY number", new { userId }, cancellationToken: cancellationToken))];
    }

    public async Task<CallStats> StatsAsync(DateOnly day, TimeZoneInfo zone, string[]? visibleExtensions, CancellationToken cancellationToken)
    {
        var localStart = day.ToDateTime(TimeOnly.MinValue);
        var from = new DateTimeOffset(localStart, zone.GetUtcOffset(localStart)).ToUniversalTime();
        var localEnd = localStart.AddDays(1);
        var to = new DateTimeOffset(localEnd, zone.GetUtcOffset(localEnd)).ToUniversalTime();
        var p = new { from, to, zone = zone.Id, all = visibleExtensions is null, mine = visibleExtensions ?? [] };
        const string Scope = "started_at >= @from AND started_at < @to AND (@all OR extensions && @mine)";
        await using var connection = await database.OpenAsync(cancellationToken);
        var hours = (await connection.QueryAsync<(int Hour, int Answered, int Missed)>(new CommandDefinition(
            $"""
            SELECT extract(hour FROM started_at AT TIME ZONE @zone)::int AS hour,
                count(*) FILTER (WHERE disposition = 'ANSWERED')::int, count(*) FILTER (WHERE disposition <> 'ANSWERED')::int
            FROM calls WHERE {Scope} GROUP BY 1
            """, p, cancellationToken: cancellationToken))).ToDictionary(h => h.Hour);
        var wait = await connection.ExecuteScalarAsync<double?>(new CommandDefinition(
            $"SELECT round(avg(wait_seconds)::numeric, 1)::float8 FROM calls WHERE {Scope} AND disposition = 'ANSWERED' AND wait_seconds IS NOT NULL",
            p, cancellationToken: cancellationToken));
        var busiest = (await connection.QueryAsync<ExtensionFigures>(new CommandDefinition(
            $"""
            SELECT x.number AS extension, e.name, count(*)::int AS calls
            FROM calls, unnest(extensions) AS x(number) LEFT JOIN pbx_extensions e ON e.number = x.number
            WHERE {Scope} AND (@all OR x.number = ANY(@mine))
            GROUP BY x.number, e.name ORDER BY calls DESC, x.number LIMIT 5
            """, p, cancellationToken: cancellationToken))).ToList();
        var byHour = Enumerable.Range(0, 24).Select(h => hours.TryGetValue(h, out var f) ? new HourFigures(h, f.Answered, f.Missed) : new HourFigures(h, 0, 0)).ToList();
        var answered = byHour.Sum(h => h.Answered);
        var missed = byHour.Sum(h => h.Missed);
        return new CallStats(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), zone.Id, answered + missed,
            answered, missed, wait, byHour, busiest);
    }

    private static (string Where, DynamicParameters Parameters) Where(CallFilter f, string[]? visibleExtensions)
    {
        var sql = new StringBuilder(" WHERE true");
        var p = new DynamicParameters();
        if (visibleExtensions is not null) { sql.Append(" AND extensions && @mine"); p.Add("mine", visibleExtensions); }
        if (f.From is { } from) { sql.Append(" AND started_at >= @from"); p.Add("from", from); }
        if (f.To is { } to) { sql.Append(" AND started_at <= @to"); p.Add("to", to); }
        if (f.Direction is { } d) { sql.Append(" AND direction = @direction"); p.Add("direction", d); }
        if (f.Extension is { } e) { sql.Append(" AND @extension = ANY(extensions)"); p.Add("extension", e); }
        if (f.Disposition is { } disp) { sql.Append(" AND disposition = @disposition"); p.Add("disposition", disp); }
        if (f.TrunkId is { } t) { sql.Append(" AND trunk_id = @trunk"); p.Add("trunk", t); }
        if (f.Queue is { } q) { sql.Append(" AND queue = @queue"); p.Add("queue", q); }
        if (f.Search is { } s)
        {
            sql.Append(" AND (from_number ILIKE @like OR to_number ILIKE @like OR did ILIKE @like OR from_name ILIKE @like)");
            p.Add("like", "%" + s.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
                .Replace("_", @"\_", StringComparison.Ordinal) + "%");
        }
        return (sql.ToString(), p);
    }

    // The column comes from CallFilter.SortColumns (a fixed list), never from the request text.
    private static string OrderBy(CallFilter f) =>
        $" ORDER BY {f.SortColumn} {(f.Descending ? "DESC" : "ASC")}, id {(f.Descending ? "DESC" : "ASC")}";
}
