namespace BotPbx.Api.Features.Agents.Webhooks;

/// <summary>Lets a fresh outbox row be sent at once instead of at the next poll.</summary>
public sealed class WebhookWakeup : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake-pending: one wake-up is enough.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}

/// <summary>
/// Delivers the outbox: claims due rows, sends each, records the try, and schedules a retry with exponential back-off
/// (<see cref="AgentWebhooksOptions.BaseDelay"/> doubled per try, ±20% jitter so receivers that come back are not hit by
/// every sender at once) until <see cref="AgentWebhooksOptions.MaxAttempts"/>, after which the delivery is failed.
/// </summary>
public sealed partial class WebhookDeliveryWorker(WebhookDeliveryStore store, WebhookSender sender, WebhookWakeup wakeup,
    AgentWebhooksOptions options, TimeProvider time, ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await store.ClaimAsync(options.BatchSize, options.Lease, stoppingToken);
                await Task.WhenAll(claimed.Select(d => DeliverAsync(d, stoppingToken)));
                if (claimed.Count == options.BatchSize) continue; // more may be due
                await wakeup.WaitAsync(options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The database may be away for a while; the worker must outlive that.
            catch (Exception e)
#pragma warning restore CA1031
            {
                RoundFailed(logger, e);
                await Task.Delay(options.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task DeliverAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        var attempt = await sender.SendAsync(delivery, cancellationToken);
        var delivered = attempt.Error is null;
        DateTimeOffset? retryAt = null;
        if (!delivered && delivery.Attempt < options.MaxAttempts) retryAt = time.GetUtcNow() + Backoff(delivery.Attempt);
        await store.RecordAsync(delivery, attempt, delivered, retryAt, cancellationToken);
        if (!delivered)
        {
            if (retryAt is null) GaveUp(logger, delivery.Id, delivery.Event, delivery.Attempt, attempt.Error!);
            else WillRetry(logger, delivery.Id, delivery.Event, delivery.Attempt, attempt.Error!, retryAt.Value);
        }
    }

    /// <summary>The wait after try <paramref name="attempt"/> failed.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, options.MaxDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter, not security.
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(capped * jitter);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {Id} ({Event}) try {Attempt} failed: {Error}; next try at {RetryAt:O}")]
    private static partial void WillRetry(ILogger logger, long id, string @event, int attempt, string error, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {Id} ({Event}) given up after {Attempt} tries: {Error}")]
    private static partial void GaveUp(ILogger logger, long id, string @event, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery round failed; retrying")]
    private static partial void RoundFailed(ILogger logger, Exception exception);
}
