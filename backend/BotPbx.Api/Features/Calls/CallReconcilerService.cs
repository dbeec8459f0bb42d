using Microsoft.Extensions.Options;
using Npgsql;

namespace BotPbx.Api.Features.Calls;

/// <summary>
/// Runs in the service: grants Asterisk's CDR role its INSERT, then reconciles every second. At start it first
/// catches up on everything Asterisk wrote while BotPBX was stopped.
/// </summary>
public sealed partial class CallReconcilerService(
    CallReconciler reconciler, NpgsqlDataSource dataSource, CdrWriterSettings writer, IOptions<CdrWriterOptions> options,
    ILogger<CallReconcilerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var granted = false;
        var delay = TimeSpan.FromMilliseconds(Math.Max(100, options.Value.PollMilliseconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!granted && writer.Configured)
                {
                    await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                    granted = await CdrWriterGrants.EnsureAsync(connection, writer.Role, stoppingToken);
                    if (!granted) LogNoRole(logger, writer.Role);
                    granted = true; // Logged once; the installer creates the role, a restart picks it up.
                }
                await reconciler.DrainAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogFailed(logger, e.Message);
            }
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call log: the PostgreSQL role {Role} (CDR_DB_USER) does not exist; Asterisk cannot write call records")]
    private static partial void LogNoRole(ILogger logger, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call log: reconciling failed, retrying: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
