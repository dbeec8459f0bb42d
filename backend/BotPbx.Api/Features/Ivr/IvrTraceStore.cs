using System.Globalization;
using System.Text.Json;
using BotPbx.Data;
using BotPbx.Ivr.Tracing;
using Dapper;

namespace BotPbx.Api.Features.Ivr;

/// <summary>A trace as the API returns it; steps and variables are the stored JSON.</summary>
public sealed record IvrTraceResponse(long Id, string CallId, long? IvrId, int Version, string Caller, DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt, string Outcome, string? Error, JsonElement Steps, JsonElement Variables);

/// <summary>Writes every finished run to <c>ivr_traces</c> and reads them back; old traces are pruned as new ones arrive.</summary>
public sealed class IvrTraceStore(IDbConnectionFactory database, IvrFeatureOptions options, TimeProvider time) : IIvrTraceSink
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private const string Columns =
        "id, call_id, ivr_id, version, caller, started_at, ended_at, outcome, error, steps::text AS steps, variables::text AS variables";

    private int _saved;

    public async Task SaveAsync(IvrTrace trace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trace);
        long? ivrId = long.TryParse(trace.IvrId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO ivr_traces (call_id, ivr_id, version, caller, started_at, ended_at, outcome, error, steps, variables)
            SELECT @CallId, i.id, @Version, @Caller, @StartedAt, @EndedAt, @Outcome, @Error, @Steps::jsonb, @Variables::jsonb
            FROM (SELECT @ivrId::bigint AS wanted) w LEFT JOIN ivrs i ON i.id = w.wanted
            """,
            new
            {
                trace.CallId, ivrId, trace.Version, Caller = trace.CallerNumber, trace.StartedAt, trace.EndedAt,
                Outcome = JsonNamingPolicy.CamelCase.ConvertName(trace.Outcome.ToString()), trace.Error,
                Steps = JsonSerializer.Serialize(trace.Steps, Json), Variables = JsonSerializer.Serialize(trace.Variables, Json),
            }, cancellationToken: cancellationToken));
        // Pruning every few hundred calls keeps the table bounded without a timer of its own.
        if (Interlocked.Increment(ref _saved) % 200 == 1) await PruneAsync(cancellationToken);
    }

    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ivr_traces WHERE started_at < @cutoff", new { cutoff = time.GetUtcNow().AddDays(-options.TraceRetentionDays) },
            cancellationToken: cancellationToken));
    }

    public async Task<(IReadOnlyList<IvrTraceResponse> Items, long Total)> ListForIvrAsync(long ivrId, int limit, int offset,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM ivr_traces WHERE ivr_id = @ivrId", new { ivrId }, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<TraceRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ivr_traces WHERE ivr_id = @ivrId ORDER BY started_at DESC, id DESC LIMIT @limit OFFSET @offset",
            new { ivrId, limit, offset }, cancellationToken: cancellationToken));
        return (rows.Select(r => r.ToResponse()).ToList(), total);
    }

    /// <summary>Every run of one call (a call can pass through several AGI sessions), oldest first.</summary>
    public async Task<IReadOnlyList<IvrTraceResponse>> ListForCallAsync(string callId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TraceRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ivr_traces WHERE call_id = @callId ORDER BY started_at, id", new { callId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToResponse()).ToList();
    }

    private sealed class TraceRow
    {
        public long Id { get; init; }
        public string CallId { get; init; } = "";
        public long? IvrId { get; init; }
        public int Version { get; init; }
        public string Caller { get; init; } = "";
        public DateTimeOffset StartedAt { get; init; }
        public DateTimeOffset? EndedAt { get; init; }
        public string Outcome { get; init; } = "";
        public string? Error { get; init; }
        public string Steps { get; init; } = "[]";
        public string Variables { get; init; } = "{}";

        public IvrTraceResponse ToResponse() => new(Id, CallId, IvrId, Version, Caller, StartedAt, EndedAt, Outcome, Error,
            JsonDocument.Parse(Steps).RootElement.Clone(), JsonDocument.Parse(Variables).RootElement.Clone());
    }
}
