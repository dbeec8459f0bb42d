using BotPbx.Data;
using Dapper;

namespace BotPbx.Api.Features.Campaigns.Scheduling;

/// <summary>
/// The delayed Hangfire job of a retry: makes a contact that waits after a no-answer, busy or failed call claimable
/// again. Guarded by the attempt count, so a job left over from an earlier wait (or from a transaction that rolled
/// back) changes nothing; running it twice is harmless.
/// </summary>
public sealed partial class CampaignRetryJob(IDbConnectionFactory database, ILogger<CampaignRetryJob> logger)
{
    public async Task MakeDueAsync(long contactId, int attempts)
    {
        await using var c = await database.OpenAsync(CancellationToken.None);
        var made = await c.ExecuteAsync(
            """
            UPDATE campaign_contacts SET retry_ready = true, updated_at = now()
            WHERE id = @contactId AND attempts = @attempts AND NOT retry_ready AND state IN ('no-answer', 'busy', 'failed')
            """, new { contactId, attempts });
        if (made > 0) LogDue(logger, contactId, attempts + 1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign contact {ContactId}: retry due (attempt {Attempt} may be dialled)")]
    private static partial void LogDue(ILogger logger, long contactId, int attempt);
}
