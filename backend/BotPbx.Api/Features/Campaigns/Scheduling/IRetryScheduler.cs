namespace BotPbx.Api.Features.Campaigns.Scheduling;

/// <summary>Arranges for a contact waiting for a retry to become claimable once its delay has passed.</summary>
public interface IRetryScheduler
{
    /// <summary>
    /// Called inside the transaction that set the contact to wait (its row locked): a job that runs before that
    /// transaction commits waits on the lock, and one whose transaction rolled back finds nothing to do.
    /// </summary>
    void ScheduleRetry(long contactId, int attempts, TimeSpan delay);
}
