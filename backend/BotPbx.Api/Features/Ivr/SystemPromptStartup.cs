using BotPbx.Ivr.Prompts;

namespace BotPbx.Api.Features.Ivr;

/// <summary>
/// Makes BotPBX's own prompts once the service is up, in the background: start-up never waits for flite, and a
/// machine without flite or sox still serves (the apply tries again and logs why).
/// </summary>
internal sealed partial class SystemPromptStartup(SystemPromptMaker maker, IHostApplicationLifetime lifetime, ILogger<SystemPromptStartup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // After the service is up: flite and sox must not compete with start-up for the CPU.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
                await started.Task.WaitAsync(stoppingToken);
            await maker.EnsureAsync(stoppingToken);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            NotMade(logger, maker.Directory, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "BotPBX's system prompts could not be made in {Directory}: {Reason}")]
    internal static partial void NotMade(ILogger logger, string directory, string reason);
}
