using BotPbx.Data;
using Dapper;

namespace BotPbx.Api.Features.Agents.Webhooks;

/// <summary>A delivery claimed for one try, with what is needed to send it (the secret as it is now: a rotation applies to retries).</summary>
public sealed record ClaimedDelivery(long Id, string Event, string Payload, int Attempt, string Url, string Secret);

/// <summary>One try as recorded.</summary>
public sealed record DeliveryAttempt(int Attempt, DateTimeOffset StartedAt, int DurationMs, int? StatusCode, string? Error);

/// <summary>A delivery as the API lists it.</summary>
public sealed record DeliveryResponse(long Id, long WebhookId, long? ConversationId, string Event, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt, string? LastError, IReadOnlyList<DeliveryAttempt> AttemptLog);

/// <summary>The outbox's SQL: claim due rows (FOR UPDATE SKIP LOCKED, so several workers never take the same row), record tries.</summary>
public sealed class WebhookDeliveryStore(IDbConnectionFactory database)
{
    /// <summary>Claims up to <paramref name="batch"/> due deliveries, leasing each for <paramref name="lease"/> and counting the try.</summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int batch, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ClaimedDelivery>(new CommandDefinition(
            """
            WITH due AS (
                SELECT id FROM agent_webhook_deliveries
                WHERE status = 'pending' AND next_attempt_at <= now()
                ORDER BY next_attempt_at, id
                LIMIT @batch
                FOR UPDATE SKIP LOCKED)
            UPDATE agent_webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + @lease
            FROM due, agent_webhooks w
            WHERE d.id = due.id AND w.id = d.webhook_id
            RETURNING d.id, d.event, d.payload, d.attempts AS attempt, w.url, w.secret
            """, new { batch, lease }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Records a try; <paramref name="retryAt"/> null with failure = given up.</summary>
    public async Task RecordAsync(ClaimedDelivery delivery, DeliveryAttempt attempt, bool delivered, DateTimeOffset? retryAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(attempt);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO agent_webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error)
            VALUES (@id, @Attempt, @StartedAt, @DurationMs, @StatusCode, @Error)
            ON CONFLICT (delivery_id, attempt) DO NOTHING
            """, new { id = delivery.Id, attempt.Attempt, attempt.StartedAt, attempt.DurationMs, attempt.StatusCode, attempt.Error }, transaction,
            cancellationToken: cancellationToken));
        var status = delivered ? "delivered" : retryAt is null ? "failed" : "pending";
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE agent_webhook_deliveries SET status = @status, delivered_at = CASE WHEN @delivered THEN now() END,
                next_attempt_at = coalesce(@retryAt, next_attempt_at), last_error = @Error
            WHERE id = @id
            """, new { id = delivery.Id, status, delivered, retryAt, attempt.Error }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The latest deliveries of an agent's webhooks, newest first, with every try.</summary>
    public async Task<IReadOnlyList<DeliveryResponse>> ListAsync(long agentId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var deliveries = (await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            """
            SELECT d.id, d.webhook_id, d.conversation_id, d.event, d.status, d.attempts, d.created_at, d.next_attempt_at, d.delivered_at, d.last_error
            FROM agent_webhook_deliveries d JOIN agent_webhooks w ON w.id = d.webhook_id
            WHERE w.agent_id = @agentId ORDER BY d.id DESC LIMIT @limit
            """, new { agentId, limit }, cancellationToken: cancellationToken))).ToList();
        var ids = deliveries.Select(d => d.Id).ToArray();
        var attempts = (await connection.QueryAsync<AttemptRow>(new CommandDefinition(
            "SELECT delivery_id, attempt, started_at, duration_ms, status_code, error FROM agent_webhook_attempts WHERE delivery_id = ANY(@ids) ORDER BY attempt",
            new { ids }, cancellationToken: cancellationToken))).ToLookup(a => a.DeliveryId);
        return [.. deliveries.Select(d => new DeliveryResponse(d.Id, d.WebhookId, d.ConversationId, d.Event, d.Status, d.Attempts, d.CreatedAt,
            d.NextAttemptAt, d.DeliveredAt, d.LastError,
            [.. attempts[d.Id].Select(a => new DeliveryAttempt(a.Attempt, a.StartedAt, a.DurationMs, a.StatusCode, a.Error))]))];
    }

    private sealed class DeliveryRow
    {
        public long Id { get; init; }
        public long WebhookId { get; init; }
        public long? ConversationId { get; init; }
        public string Event { get; init; } = "";
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset NextAttemptAt { get; init; }
        public DateTimeOffset? DeliveredAt { get; init; }
        public string? LastError { get; init; }
    }

    private sealed class AttemptRow
    {
        public long DeliveryId { get; init; }
        public int Attempt { get; init; }
        public DateTimeOffset StartedAt { get; init; }
        public int DurationMs { get; init; }
        public int? StatusCode { get; init; }
        public string? Error { get; init; }
    }
}
