using Npgsql;
using NpgsqlTypes;

namespace BotPbx.Api.Features.Calls;

/// <summary>Writes assembled calls with one round trip: the rows go in as arrays and are upserted by call_id.</summary>
internal static class CallWriter
{
    public static async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<CallRow> calls,
        CancellationToken cancellationToken)
    {
        if (calls.Count == 0) return;
        // Arrays of text[] cannot be passed as one column of a multi-row unnest, so extensions travel as JSON arrays.
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO calls (call_id, direction, from_number, from_name, to_number, did, trunk_id, trunk_name, extension, extensions,
                answered_by, queue, ivr_path, started_at, answered_at, ended_at, duration, billsec, wait_seconds, disposition,
                hangup_cause, recording_path, originated_by, legs)
            SELECT u.call_id, u.direction, u.from_number, u.from_name, u.to_number, u.did, u.trunk_id, t.name, u.extension,
                ARRAY(SELECT jsonb_array_elements_text(u.extensions)), u.answered_by, u.queue, u.ivr_path, u.started_at,
                u.answered_at, u.ended_at, u.duration, u.billsec, u.wait_seconds, u.disposition, u.hangup_cause,
                u.recording_path, u.originated_by, u.legs
            FROM unnest(@call_id, @direction, @from_number, @from_name, @to_number, @did, @trunk_id, @extension, @extensions,
                @answered_by, @queue, @ivr_path, @started_at, @answered_at, @ended_at, @duration, @billsec, @wait_seconds,
                @disposition, @hangup_cause, @recording_path, @originated_by, @legs)
                AS u(call_id, direction, from_number, from_name, to_number, did, trunk_id, extension, extensions, answered_by, queue,
                     ivr_path, started_at, answered_at, ended_at, duration, billsec, wait_seconds, disposition, hangup_cause,
                     recording_path, originated_by, legs)
            LEFT JOIN pbx_trunks t ON t.id = u.trunk_id
            ON CONFLICT (call_id) DO UPDATE SET
                direction = EXCLUDED.direction, from_number = EXCLUDED.from_number, from_name = EXCLUDED.from_name,
                to_number = EXCLUDED.to_number, did = EXCLUDED.did, trunk_id = EXCLUDED.trunk_id,
                trunk_name = coalesce(EXCLUDED.trunk_name, calls.trunk_name), extension = EXCLUDED.extension,
                extensions = EXCLUDED.extensions, answered_by = EXCLUDED.answered_by, queue = EXCLUDED.queue,
                ivr_path = EXCLUDED.ivr_path, started_at = EXCLUDED.started_at, answered_at = EXCLUDED.answered_at,
                ended_at = EXCLUDED.ended_at, duration = EXCLUDED.duration, billsec = EXCLUDED.billsec,
                wait_seconds = EXCLUDED.wait_seconds, disposition = EXCLUDED.disposition, hangup_cause = EXCLUDED.hangup_cause,
                recording_path = coalesce(EXCLUDED.recording_path, calls.recording_path), originated_by = EXCLUDED.originated_by,
                legs = EXCLUDED.legs, updated_at = now()
            """, connection, transaction);
        var p = command.Parameters;
        p.Add(Text("call_id", calls.Select(c => c.CallId)));
        p.Add(Text("direction", calls.Select(c => c.Direction)));
        p.Add(Text("from_number", calls.Select(c => c.FromNumber)));
        p.Add(Text("from_name", calls.Select(c => c.FromName)));
        p.Add(Text("to_number", calls.Select(c => c.ToNumber)));
        p.Add(Text("did", calls.Select(c => c.Did)));
        p.Add(new NpgsqlParameter<long?[]>("trunk_id", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. calls.Select(c => c.TrunkId)] });
        p.Add(Text("extension", calls.Select(c => c.Extension)));
        p.Add(new NpgsqlParameter<string[]>("extensions", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
        {
            TypedValue = [.. calls.Select(c => System.Text.Json.JsonSerializer.Serialize(c.Extensions))],
        });
        p.Add(Text("answered_by", calls.Select(c => c.AnsweredBy)));
        p.Add(Text("queue", calls.Select(c => c.Queue)));
        p.Add(Text("ivr_path", calls.Select(c => c.IvrPath)));
        p.Add(Times("started_at", calls.Select(c => (DateTimeOffset?)c.StartedAt)));
        p.Add(Times("answered_at", calls.Select(c => c.AnsweredAt)));
        p.Add(Times("ended_at", calls.Select(c => (DateTimeOffset?)c.EndedAt)));
        p.Add(Ints("duration", calls.Select(c => (int?)c.Duration)));
        p.Add(Ints("billsec", calls.Select(c => (int?)c.Billsec)));
        p.Add(Ints("wait_seconds", calls.Select(c => c.WaitSeconds)));
        p.Add(Text("disposition", calls.Select(c => c.Disposition)));
        p.Add(Text("hangup_cause", calls.Select(c => c.HangupCause)));
        p.Add(Text("recording_path", calls.Select(c => c.RecordingPath)));
        p.Add(Text("originated_by", calls.Select(c => c.OriginatedBy)));
        p.Add(Ints("legs", calls.Select(c => (int?)c.Legs)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter<string?[]> Text(string name, IEnumerable<string?> values) =>
        new NpgsqlParameter<string?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. values] };

    private static NpgsqlParameter<int?[]> Ints(string name, IEnumerable<int?> values) =>
        new NpgsqlParameter<int?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. values] };

    private static NpgsqlParameter<DateTime?[]> Times(string name, IEnumerable<DateTimeOffset?> values) =>
        new NpgsqlParameter<DateTime?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. values.Select(v => v?.UtcDateTime)] };
}
