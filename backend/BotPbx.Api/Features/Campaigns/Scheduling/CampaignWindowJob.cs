using BotPbx.Data;
using Dapper;

namespace BotPbx.Api.Features.Campaigns.Scheduling;

/// <summary>
/// The recurring Hangfire job at each boundary of a campaign's schedule window (opening and closing, in its IANA time
/// zone): sets <c>campaigns.window_open</c>, which the dialer follows. It recomputes the window from the schedule
/// instead of trusting which boundary fired it, so a misfire run after a restart, a late run or a repeat is harmless.
/// A campaign that no longer exists or was stopped has its jobs removed.
/// </summary>
public sealed partial class CampaignWindowJob(CampaignStore campaigns, IDbConnectionFactory database, TimeProvider time,
    IServiceProvider services, ILogger<CampaignWindowJob> logger)
{
    public async Task SyncAsync(long campaignId, string boundary)
    {
        var campaign = await campaigns.GetAsync(campaignId, CancellationToken.None);
        if (campaign is null || campaign.Status is "stopped" or "draft")
        {
            services.GetRequiredService<CampaignJobs>().StopFollowing(campaignId);
            return;
        }
        var open = CampaignValidator.ToSchedule(campaign.Settings.Schedule).IsOpen(time.GetUtcNow());
        await using var c = await database.OpenAsync(CancellationToken.None);
        var changed = await c.ExecuteAsync("UPDATE campaigns SET window_open = @open WHERE id = @campaignId AND window_open <> @open",
            new { campaignId, open });
        if (changed > 0) LogWindow(logger, campaignId, open ? "open" : "closed", boundary);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: window {State} ({Boundary})")]
    private static partial void LogWindow(ILogger logger, long campaignId, string state, string boundary);
}
