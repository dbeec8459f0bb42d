using BotPbx.Api.Configuration;
using BotPbx.Data;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BotPbx.Api.Features.Calls;

/// <summary>
/// Turns cdr_raw rows into calls rows. One transaction per batch: claim the pending rows (one reconciler at a time,
/// by advisory lock), load every record of their conversations (also ones reconciled before, so a late leg rebuilds
/// the whole call), upsert one calls row per conversation (unique call_id), mark the rows reconciled, commit. A crash
/// anywhere before the commit leaves everything pending, and running again gives the same rows: nothing is lost or
/// doubled, however often BotPBX stops. Fields other features fill (transcript_id) are never overwritten.
/// </summary>
public sealed partial class CallReconciler(
    NpgsqlDataSource dataSource, IOptions<CdrWriterOptions> options, IOptions<AsteriskOptions> asterisk, ILogger<CallReconciler> logger)
{
    // pg_advisory_xact_lock key: "calls" in ASCII, so it is recognisable in pg_locks.
    private const long LockKey = 0x63616c6c73;

    private string RecordingRoot => new AsteriskPaths(asterisk.Value).CallRecordings;

    /// <summary>Reconciles one batch.</summary>
    /// <returns>Raw rows reconciled and calls written; (0, 0) when nothing was pending or another reconciler holds the lock.</returns>
    public async Task<(int Records, int Calls)> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_xact_lock(@LockKey)", new { LockKey },
                transaction, cancellationToken: cancellationToken)))
        {
            return (0, 0);
        }
        var keys = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT DISTINCT coalesce(nullif(linkedid, ''), nullif(uniqueid, ''), 'raw-' || raw_id) FROM (
                SELECT raw_id, linkedid, uniqueid FROM cdr_raw WHERE NOT reconciled ORDER BY raw_id LIMIT @BatchSize) pending
            """,
            new { options.Value.BatchSize }, transaction, cancellationToken: cancellationToken))).ToArray();
        if (keys.Length == 0) return (0, 0);

        var records = (await connection.QueryAsync<CdrRecord>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM cdr_raw
            WHERE coalesce(nullif(linkedid, ''), nullif(uniqueid, ''), 'raw-' || raw_id) = ANY(@keys)
            """,
            new { keys }, transaction, cancellationToken: cancellationToken))).ToList();

        var calls = records.GroupBy(r => r.ConversationKey, StringComparer.Ordinal)
            .Select(g => CallAssembler.Assemble([.. g], RecordingExists)).ToList();
        await CallWriter.UpsertAsync(connection, transaction, calls, cancellationToken);
        var marked = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE cdr_raw SET reconciled = true WHERE NOT reconciled AND raw_id = ANY(@ids)",
            new { ids = records.Select(r => r.RawId).ToArray() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        LogReconciled(logger, marked, calls.Count);
        return (marked, calls.Count);
    }

    /// <summary>Reconciles until nothing is pending (tests and the benchmark call this).</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while ((await RunOnceAsync(cancellationToken)).Records is var n and > 0) total += n;
        return total;
    }

    /// <summary>Only files inside the recording folder are linked; a path elsewhere is not served as a recording.</summary>
    private bool RecordingExists(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            var root = Path.GetFullPath(RecordingRoot) + Path.DirectorySeparatorChar;
            return full.StartsWith(root, StringComparison.Ordinal) && File.Exists(full);
        }
        catch (Exception e) when (e is ArgumentException or IOException or NotSupportedException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    internal const string Columns = """
        raw_id, start, answer, "end", duration, billsec, clid, src, dst, dcontext, channel, dstchannel, disposition, uniqueid,
        linkedid, sequence, botpbx_direction, botpbx_did, botpbx_trunk, botpbx_ext, botpbx_number, botpbx_queue, botpbx_ivr,
        botpbx_cause, botpbx_recording, botpbx_originate
        """;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call log: {Records} CDR rows reconciled into {Calls} calls")]
    private static partial void LogReconciled(ILogger logger, int records, int calls);
}
