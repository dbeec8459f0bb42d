using Dapper;
using Npgsql;

namespace BotPbx.Api.Features.Telephony.Common;

/// <summary>Whether saved PBX changes are waiting for an apply (shown by the UI), and the last apply's report (JSON).</summary>
public sealed record PbxStateRecord(bool PendingChanges, DateTimeOffset ChangedAt, DateTimeOffset? AppliedAt, string? LastApplyReport);

public sealed partial class PbxStore
{
    public static Task MarkPendingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pbx_state SET pending_changes = true, changed_at = now() WHERE id = 1", transaction: transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>Records an apply; called inside the write lock, so no change can have slipped in since the snapshot.</summary>
    public static Task RecordApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool success, string reportJson,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE pbx_state
            SET pending_changes = CASE WHEN @success THEN false ELSE pending_changes END,
                applied_at = CASE WHEN @success THEN now() ELSE applied_at END,
                last_apply_report = CAST(@reportJson AS jsonb)
            WHERE id = 1
            """, new { success, reportJson }, transaction, cancellationToken: cancellationToken));
    }

    public async Task<PbxStateRecord> StateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<StateRow>(new CommandDefinition(
            "SELECT pending_changes, changed_at, applied_at, last_apply_report::text AS last_apply_report FROM pbx_state WHERE id = 1",
            cancellationToken: cancellationToken));
        return new PbxStateRecord(row.PendingChanges, row.ChangedAt, row.AppliedAt, row.LastApplyReport);
    }

    private sealed class StateRow
    {
        public bool PendingChanges { get; init; }
        public DateTimeOffset ChangedAt { get; init; }
        public DateTimeOffset? AppliedAt { get; init; }
        public string? LastApplyReport { get; init; }
    }
}
