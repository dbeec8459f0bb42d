namespace BotPbx.Api.Features.Jobs;

/// <summary>Hangfire's server in this process (section "Jobs"). Its storage is the product database, schema "hangfire".</summary>
public sealed class JobsOptions
{
    /// <summary>Workers running jobs. The jobs are short SQL updates; two are plenty and keep a small machine quiet.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>
    /// How often the server looks for delayed jobs that are due (retries) and recurring jobs to fire (windows). A retry
    /// becomes claimable at most this long after its delay ends. Hangfire's default is 15 s.
    /// </summary>
    public int SchedulePollingSeconds { get; set; } = 5;

    /// <summary>
    /// How often an idle worker looks for enqueued jobs (Hangfire.PostgreSql's default is 15 s). A window job runs at
    /// most this long after its boundary; a retry at most this plus <see cref="SchedulePollingSeconds"/> after its delay.
    /// </summary>
    public int QueuePollSeconds { get; set; } = 5;
}
