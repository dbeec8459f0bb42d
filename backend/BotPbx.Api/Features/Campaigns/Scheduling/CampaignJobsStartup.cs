namespace BotPbx.Api.Features.Campaigns.Scheduling;

/// <summary>
/// At start-up, every running or paused campaign gets its window jobs (again): covers campaigns started before
/// Hangfire ran them and a Hangfire schema that was reset, and sets each window from the clock at once.
/// </summary>
public sealed partial class CampaignJobsStartup(CampaignStore campaigns, CampaignJobs jobs, ILogger<CampaignJobsStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var campaign in await campaigns.ListAsync(cancellationToken))
            {
                if (campaign.Status is "running" or "paused") await jobs.FollowAsync(campaign);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The service still starts (the API must answer); the dialer waits for a window job that may come later.
            LogFailed(logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaign window jobs could not be set up at start-up")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
