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

    /// <summary>How often a worker polls the queue when PostgreSQL's LISTEN/NOTIFY has not woken it (Hangfire.PostgreSql's default is 15 s).</summary>
    public int QueuePollSeconds { get; set; } = 15;
}
