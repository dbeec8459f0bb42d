using BotPbx.Api.Features.Campaigns.Scheduling;
using BotPbx.Data;
using BotPbx.Dialer.Contacts;
using BotPbx.Dialer.Pacing;
using Dapper;
using Npgsql;

namespace BotPbx.Api.Features.Campaigns.Dialing;

/// <summary>A contact claimed for one call: the attempt row exists (committed) before the Originate is sent.</summary>
public sealed record ClaimedCall(Guid AttemptId, long ContactId, string Phone, int Attempt, string Variables);

/// <summary>The pacing counts of one campaign (see <see cref="PacingInput"/>).</summary>
public sealed record DialerCounts(int LiveCalls, int RingingCalls, int StartedLastMinute, int HumanAnswers, int Abandoned);

/// <summary>
/// The dialer's writes. Claims use FOR UPDATE SKIP LOCKED, so two dialers (or a dialer and a restarted one) never take
/// the same contact; outcomes are idempotent (the first one recorded wins, a repeat from AstDB after a restart is a no-op).
/// </summary>
public sealed class DialerStore(IDbConnectionFactory database, IRetryScheduler retries)
{
    public async Task<IReadOnlyList<ClaimedCall>> ClaimAsync(long campaignId, int count, CancellationToken cancellationToken)
    {
        if (count <= 0) return [];
        await using var c = await database.OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        // Due contacts, locked (SKIP LOCKED: another dialer takes others). A number put on a do-not-call list after the
        // import is caught here, at the last moment before a call: it becomes dnc instead of dialing.
        var claimed = (await c.QueryAsync<(long Id, string Phone, int Attempts, string Variables, string State)>(new CommandDefinition(
            """
            WITH due AS (
                SELECT id, phone FROM campaign_contacts
                WHERE campaign_id = @campaignId AND state IN ('pending','no-answer','busy','failed') AND retry_ready AND next_attempt_at <= now()
                ORDER BY next_attempt_at, id LIMIT @count FOR UPDATE SKIP LOCKED),
            blocked AS (
                SELECT due.id FROM due WHERE EXISTS (
                    SELECT 1 FROM dnc_numbers d WHERE d.phone = due.phone AND (d.campaign_id IS NULL OR d.campaign_id = @campaignId)))
            UPDATE campaign_contacts cc
            SET state = CASE WHEN cc.id IN (SELECT id FROM blocked) THEN 'dnc' ELSE 'dialing' END,
                attempts = cc.attempts + CASE WHEN cc.id IN (SELECT id FROM blocked) THEN 0 ELSE 1 END, updated_at = now()
            FROM due WHERE cc.id = due.id
            RETURNING cc.id, cc.phone, cc.attempts, cc.variables::text, cc.state
            """, new { campaignId, count }, tx, cancellationToken: cancellationToken))).Where(r => r.State == "dialing").ToList();
        var calls = claimed.Select(r => new ClaimedCall(Guid.CreateVersion7(), r.Id, r.Phone, r.Attempts, r.Variables)).ToList();
        if (calls.Count > 0)
        {
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO campaign_attempts (id, campaign_id, contact_id, attempt, phone)
                SELECT a.id, @campaignId, a.contact, a.attempt, a.phone FROM unnest(@ids, @contacts, @attempts, @phones) AS a(id, contact, attempt, phone)
                """, new
                {
                    campaignId, ids = calls.Select(x => x.AttemptId).ToArray(), contacts = calls.Select(x => x.ContactId).ToArray(),
                    attempts = calls.Select(x => x.Attempt).ToArray(), phones = calls.Select(x => x.Phone).ToArray(),
                }, tx, cancellationToken: cancellationToken));
        }
        await tx.CommitAsync(cancellationToken);
        return calls;
    }

    /// <summary>
    /// Records how an attempt went and moves its contact (ContactStateMachine). Idempotent: an attempt that already has an
    /// outcome keeps it. <paramref name="ended"/> also closes the attempt (a call that never connected).
    /// </summary>
    public async Task RecordOutcomeAsync(Guid attemptId, CallOutcome outcome, bool ended, CancellationToken cancellationToken,
        string? amdStatus = null, string? amdCause = null, int? originateReason = null, bool recovered = false, int? hangupCause = null)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        var updated = await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            UPDATE campaign_attempts SET outcome = @outcome, amd_status = @amdStatus, amd_cause = @amdCause, originate_reason = @originateReason,
                hangup_cause = coalesce(hangup_cause, @hangupCause),
                answered_at = CASE WHEN @answered THEN coalesce(answered_at, now()) ELSE answered_at END,
                ended_at = CASE WHEN @ended THEN coalesce(ended_at, now()) ELSE ended_at END,
                recovered = recovered OR @recovered
            WHERE id = @attemptId AND outcome IS NULL RETURNING contact_id
            """, new
            {
                attemptId, outcome = outcome.Name(), amdStatus = Empty(amdStatus), amdCause = Empty(amdCause), originateReason, ended, recovered, hangupCause,
                answered = outcome is CallOutcome.Human or CallOutcome.Machine or CallOutcome.Abandoned,
            }, tx, cancellationToken: cancellationToken));
        if (updated is not { } contactId)
        {
            await tx.CommitAsync(cancellationToken);
            return;
        }
        var (state, attempts, retryJson) = await c.QuerySingleAsync<(string, int, string)>(new CommandDefinition(
            """
            SELECT cc.state, cc.attempts, (c.settings -> 'retry')::text FROM campaign_contacts cc JOIN campaigns c ON c.id = cc.campaign_id
            WHERE cc.id = @contactId FOR UPDATE OF cc
            """, new { contactId }, tx, cancellationToken: cancellationToken));
        var r = Telephony.Common.PbxJson.Deserialize<RetrySettings>(retryJson);
        var retry = new RetryPolicy(r.Attempts, r.NoAnswerDelaySeconds, r.BusyDelaySeconds, r.FailedDelaySeconds);
        var from = ContactStates.Parse(state);
        if (from == ContactState.Dialing)
        {
            var next = ContactStateMachine.Complete(from, outcome, retry.AttemptsLeft(attempts));
            var delay = retry.DelayAfter(outcome);
            var waits = next is ContactState.NoAnswer or ContactState.Busy or ContactState.Failed;
            await c.ExecuteAsync(new CommandDefinition(
                """
                UPDATE campaign_contacts SET state = @next, last_outcome = @outcome, updated_at = now(),
                    next_attempt_at = now() + make_interval(secs => @delay), retry_ready = NOT @waits
                WHERE id = @contactId
                """, new { contactId, next = next.Name(), outcome = outcome.Name(), delay = (int)delay.TotalSeconds, waits }, tx,
                cancellationToken: cancellationToken));
            // Hangfire makes it claimable when the delay is over. Scheduled before the commit, with the row still locked:
            // a kill -9 between the two leaves either nothing (the reconciler records the outcome again from AstDB and
            // schedules again) or a job that finds the contact still dialling and does nothing — never a lost retry.
            if (waits) retries.ScheduleRetry(contactId, attempts, delay);
        }
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>The call hung up: closes the attempt, keeps the cause and a disposition set by the agent or IVR.</summary>
    public async Task RecordEndAsync(Guid attemptId, int? hangupCause, string? disposition, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        var contactId = await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            UPDATE campaign_attempts SET ended_at = coalesce(ended_at, now()), hangup_cause = coalesce(hangup_cause, @hangupCause),
                disposition = coalesce(disposition, @disposition)
            WHERE id = @attemptId RETURNING contact_id
            """, new { attemptId, hangupCause, disposition = Empty(disposition) }, tx, cancellationToken: cancellationToken));
        if (contactId is not null && !string.IsNullOrEmpty(disposition))
        {
            await c.ExecuteAsync(new CommandDefinition("UPDATE campaign_contacts SET disposition = @disposition, updated_at = now() WHERE id = @contactId",
                new { contactId, disposition }, tx, cancellationToken: cancellationToken));
        }
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>After a restart: Asterisk has neither the call nor an outcome for it, so it was never dialled. The contact goes back, the attempt stays as history.</summary>
    public async Task ReleaseAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        var contactId = await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "UPDATE campaign_attempts SET outcome = 'not-sent', ended_at = now(), recovered = true WHERE id = @attemptId AND outcome IS NULL AND ended_at IS NULL RETURNING contact_id",
            new { attemptId }, tx, cancellationToken: cancellationToken));
        if (contactId is not null)
        {
            var state = await c.QuerySingleAsync<string>(new CommandDefinition("SELECT state FROM campaign_contacts WHERE id = @contactId FOR UPDATE",
                new { contactId }, tx, cancellationToken: cancellationToken));
            if (ContactStates.Parse(state) == ContactState.Dialing)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE campaign_contacts SET state = @next, attempts = attempts - 1, updated_at = now() WHERE id = @contactId",
                    new { contactId, next = ContactStateMachine.Release(ContactState.Dialing).Name() }, tx, cancellationToken: cancellationToken));
            }
        }
        await tx.CommitAsync(cancellationToken);
    }

    public sealed record OpenAttempt(Guid Id, long CampaignId, string? Outcome, DateTimeOffset StartedAt);

    public async Task<IReadOnlyList<OpenAttempt>> OpenAttemptsAsync(CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        return (await c.QueryAsync<OpenAttempt>(new CommandDefinition(
            "SELECT id, campaign_id, outcome, started_at FROM campaign_attempts WHERE ended_at IS NULL", cancellationToken: cancellationToken))).ToList();
    }

    public async Task<DialerCounts> CountsAsync(long campaignId, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        return await c.QuerySingleAsync<DialerCounts>(new CommandDefinition(
            """
            SELECT count(*) FILTER (WHERE ended_at IS NULL)::int AS live_calls,
                   count(*) FILTER (WHERE ended_at IS NULL AND outcome IS NULL)::int AS ringing_calls,
                   count(*) FILTER (WHERE started_at > now() - interval '1 minute')::int AS started_last_minute,
                   count(*) FILTER (WHERE outcome IN ('human','abandoned'))::int AS human_answers,
                   count(*) FILTER (WHERE outcome = 'abandoned')::int AS abandoned
            FROM campaign_attempts WHERE campaign_id = @campaignId
            """, new { campaignId }, cancellationToken: cancellationToken));
    }

    private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
