using BotPbx.Dialer.Schedule;
using Hangfire;

namespace BotPbx.Api.Features.Campaigns.Scheduling;

/// <summary>
/// A campaign's Hangfire jobs: two recurring jobs per followed campaign (window opens, window closes; cron in the
/// campaign's time zone, see <see cref="WindowCron"/>) and one delayed job per retry. Hangfire's storage is the product
/// database, so the jobs survive a restart like the rows they act on.
/// </summary>
public sealed class CampaignJobs(IRecurringJobManager recurring, IBackgroundJobClient jobs, CampaignWindowJob window) : IRetryScheduler
{
    public static string OpenJobId(long campaignId) => $"campaign-{campaignId}-window-open";

    public static string CloseJobId(long campaignId) => $"campaign-{campaignId}-window-close";

    /// <summary>Creates (or updates, after a schedule change) the window jobs and sets the window now.</summary>
    public async Task FollowAsync(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var schedule = CampaignValidator.ToSchedule(campaign.Settings.Schedule);
        var (open, close) = WindowCron.For(schedule);
        var options = new RecurringJobOptions { TimeZone = schedule.Zone };
        var id = campaign.Id;
        recurring.AddOrUpdate<CampaignWindowJob>(OpenJobId(id), j => j.SyncAsync(id, "opening"), open, options);
        recurring.AddOrUpdate<CampaignWindowJob>(CloseJobId(id), j => j.SyncAsync(id, "closing"), close, options);
        // Started (or resumed) in the middle of a window: open it now rather than at the next boundary.
        await window.SyncAsync(id, "followed");
    }

    public void StopFollowing(long campaignId)
    {
        recurring.RemoveIfExists(OpenJobId(campaignId));
        recurring.RemoveIfExists(CloseJobId(campaignId));
    }

    /// <summary>Hangfire keeps a delayed job's time in whole seconds (it can fire up to a second early): one more second keeps it after next_attempt_at.</summary>
    public void ScheduleRetry(long contactId, int attempts, TimeSpan delay) =>
        jobs.Schedule<CampaignRetryJob>(j => j.MakeDueAsync(contactId, attempts), delay + TimeSpan.FromSeconds(1));
}
