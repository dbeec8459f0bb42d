using System.Text.Json;
using BotPbx.Data;
using BotPbx.Dialer.Contacts;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace BotPbx.Api.Features.Campaigns;

public sealed record ContactImportResult(int Received, int Inserted, int Merged, int DoNotCall, IReadOnlyList<RowError> Errors);

public sealed record CampaignContact(long Id, string Phone, IReadOnlyDictionary<string, string> Variables, string State, int Attempts,
    DateTimeOffset NextAttemptAt, string? LastOutcome, string? Disposition, DateTimeOffset UpdatedAt);

public sealed record ContactAttempt(Guid Id, int Attempt, string Phone, DateTimeOffset StartedAt, DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt, string? Outcome, string? AmdStatus, string? AmdCause, int? OriginateReason, int? HangupCause,
    string? Disposition, bool Recovered);

public sealed record DncNumber(long Id, long? CampaignId, string Phone, string? Reason, DateTimeOffset CreatedAt);

/// <summary>Campaign contacts, their attempts and the do-not-call lists.</summary>
public sealed class ContactStore(IDbConnectionFactory database)
{
    /// <summary>
    /// Stores a normalised batch: binary COPY into a temporary table, then one INSERT … ON CONFLICT that merges a number
    /// already in the campaign (its variables updated) and marks numbers on a do-not-call list as dnc.
    /// </summary>
    public async Task<ContactImportResult> ImportAsync(long campaignId, ContactBatch batch, int received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var c = await database.OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition("CREATE TEMP TABLE contact_import (phone text, variables jsonb) ON COMMIT DROP", transaction: tx, cancellationToken: cancellationToken));
        await using (var writer = await c.BeginBinaryImportAsync("COPY contact_import (phone, variables) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var contact in batch.Contacts)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(contact.Phone, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(JsonSerializer.Serialize(contact.Variables), NpgsqlDbType.Jsonb, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        // Counted in the database: returning 100,000 rows to count them cost more than the insert.
        var (inserted, merged, dnc) = await c.QuerySingleAsync<(int, int, int)>(new CommandDefinition(
            """
            WITH blocked AS (
                SELECT DISTINCT phone FROM dnc_numbers WHERE campaign_id IS NULL OR campaign_id = @campaignId),
            stored AS (
                INSERT INTO campaign_contacts (campaign_id, phone, variables, state)
                SELECT @campaignId, i.phone, i.variables, CASE WHEN b.phone IS NULL THEN 'pending' ELSE 'dnc' END
                FROM contact_import i LEFT JOIN blocked b ON b.phone = i.phone
                ON CONFLICT (campaign_id, phone) DO UPDATE
                    SET variables = campaign_contacts.variables || EXCLUDED.variables, updated_at = now()
                RETURNING (xmax = 0) AS inserted, state)
            SELECT count(*) FILTER (WHERE inserted)::int, count(*) FILTER (WHERE NOT inserted)::int,
                   count(*) FILTER (WHERE inserted AND state = 'dnc')::int
            FROM stored
            """, new { campaignId }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return new ContactImportResult(received, inserted, merged + batch.DuplicatesMerged, dnc, batch.Errors);
    }

    private sealed record ContactRow(long Id, string Phone, string Variables, string State, int Attempts, DateTimeOffset NextAttemptAt,
        string? LastOutcome, string? Disposition, DateTimeOffset UpdatedAt)
    {
        public CampaignContact ToContact() => new(Id, Phone, JsonSerializer.Deserialize<Dictionary<string, string>>(Variables) ?? [], State, Attempts,
            NextAttemptAt, LastOutcome, Disposition, UpdatedAt);
    }

    public async Task<(IReadOnlyList<CampaignContact> Items, long Total)> ListAsync(long campaignId, string? state, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        var p = new { campaignId, state, limit, offset };
        var total = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM campaign_contacts WHERE campaign_id = @campaignId AND (@state::text IS NULL OR state = @state)", p, cancellationToken: cancellationToken));
        var rows = await c.QueryAsync<ContactRow>(new CommandDefinition(
            """
            SELECT id, phone, variables::text AS variables, state, attempts, next_attempt_at, last_outcome, disposition, updated_at
            FROM campaign_contacts WHERE campaign_id = @campaignId AND (@state::text IS NULL OR state = @state)
            ORDER BY id LIMIT @limit OFFSET @offset
            """, p, cancellationToken: cancellationToken));
        return (rows.Select(r => r.ToContact()).ToList(), total);
    }

    public async Task<IReadOnlyList<ContactAttempt>?> AttemptsAsync(long campaignId, long contactId, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        if (await c.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*) FROM campaign_contacts WHERE id = @contactId AND campaign_id = @campaignId",
                new { campaignId, contactId }, cancellationToken: cancellationToken)) == 0) return null;
        return (await c.QueryAsync<ContactAttempt>(new CommandDefinition(
            """
            SELECT id, attempt, phone, started_at, answered_at, ended_at, outcome, amd_status, amd_cause, originate_reason, hangup_cause, disposition, recovered
            FROM campaign_attempts WHERE contact_id = @contactId ORDER BY started_at
            """, new { contactId }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Sets a contact's disposition (the API's way for a CRM or agent to record a conversion).</summary>
    public async Task<bool> SetDispositionAsync(long campaignId, long contactId, string disposition, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE campaign_contacts SET disposition = @disposition, updated_at = now() WHERE id = @contactId AND campaign_id = @campaignId",
            new { campaignId, contactId, disposition }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Adds numbers to a list (campaignId null = global) and marks matching contacts not being dialled as dnc.</summary>
    public async Task<int> AddDncAsync(long? campaignId, IReadOnlyList<string> phones, string? reason, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        var added = await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO dnc_numbers (campaign_id, phone, reason) SELECT @campaignId, p, @reason FROM unnest(@phones) AS p
            ON CONFLICT (coalesce(campaign_id, 0), phone) DO NOTHING
            """, new { campaignId, phones = phones.ToArray(), reason }, tx, cancellationToken: cancellationToken));
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE campaign_contacts SET state = 'dnc', updated_at = now()
            WHERE phone = ANY(@phones) AND (@campaignId::bigint IS NULL OR campaign_id = @campaignId)
              AND state IN ('pending', 'no-answer', 'busy', 'failed')
            """, new { campaignId, phones = phones.ToArray() }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<DncNumber>> ListDncAsync(long? campaignId, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        return (await c.QueryAsync<DncNumber>(new CommandDefinition(
            "SELECT id, campaign_id, phone, reason, created_at FROM dnc_numbers WHERE campaign_id IS NOT DISTINCT FROM @campaignId ORDER BY id DESC LIMIT 1000",
            new { campaignId }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<bool> RemoveDncAsync(long? campaignId, long id, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition("DELETE FROM dnc_numbers WHERE id = @id AND campaign_id IS NOT DISTINCT FROM @campaignId",
            new { id, campaignId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>The contact's variables for an agent's prompt (IPromptVariableSource), or null.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> VariablesAsync(long contactId, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        var row = await c.QuerySingleOrDefaultAsync<(string Phone, string Variables)>(new CommandDefinition(
            "SELECT phone, variables::text FROM campaign_contacts WHERE id = @contactId", new { contactId }, cancellationToken: cancellationToken));
        if (row.Phone is null) return null;
        var variables = JsonSerializer.Deserialize<Dictionary<string, string>>(row.Variables) ?? [];
        variables["phone"] = row.Phone;
        return variables;
    }
}
