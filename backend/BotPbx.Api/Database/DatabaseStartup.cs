using BotPbx.Api.Configuration;
using BotPbx.Api.Features.Auth;
using BotPbx.Data;
using BotPbx.Data.Migrations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BotPbx.Api.Database;

/// <summary>
/// What must hold before the service accepts requests: PostgreSQL reachable (waiting a bounded time, for a database
/// that starts alongside the service), the schema migrated, and a first administrator present.
/// On failure it logs one line that says what to fix — host, port, database and the reason, never the password —
/// and the caller exits non-zero.
/// </summary>
public static partial class DatabaseStartup
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <param name="createFirstAdmin">
    /// False for the installer's one-shot commands: they run before the service's first start, which creates the
    /// administrator from the password the installer hands it (an administrator created here would get a password
    /// nobody sees).
    /// </param>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app, bool createFirstAdmin = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("BotPbx.Database");
        NpgsqlDataSource dataSource;
        try
        {
            dataSource = services.GetRequiredService<NpgsqlDataSource>();
        }
        catch (DatabaseConfigurationException e)
        {
            LogConfigurationError(logger, e.Message);
            return false;
        }
        var target = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        var timeout = TimeSpan.FromSeconds(Math.Max(0, services.GetRequiredService<IOptions<DatabaseOptions>>().Value.StartupTimeoutSeconds));
        var host = target.Host ?? "";
        var database = target.Database ?? "";
        var seconds = (int)timeout.TotalSeconds;
        if (await WaitForDatabaseAsync(dataSource, timeout, cancellationToken) is { } failure)
        {
            var reason = DatabaseErrors.Reason(failure);
            LogUnreachable(logger, host, target.Port, database, seconds, reason);
            return false;
        }
        try
        {
            var migrations = MigrationDiscovery.FromAssemblies(
                services.GetServices<MigrationSource>().Select(source => source.Assembly));
            await services.GetRequiredService<MigrationRunner>().RunAsync(migrations, cancellationToken);
            if (createFirstAdmin) await services.GetRequiredService<AdminBootstrapper>().EnsureAdminAsync(cancellationToken);
            await LoadKeyRingAsync(dataSource, services, cancellationToken);
        }
        catch (MigrationException e)
        {
            LogMigrationFailed(logger, e.Message);
            return false;
        }
        catch (AdminBootstrapException e)
        {
            LogBootstrapFailed(logger, e.Message);
            return false;
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            var reason = DatabaseErrors.Reason(e);
            LogUnreachable(logger, host, target.Port, database, seconds, reason);
            return false;
        }
        var described = PostgresConnectionString.Describe(target);
        LogReady(logger, described);
        return true;
    }

    /// <summary>"BotPbxDp".</summary>
    private const long KeyRingLockKey = 0x426F7450_62784470;

    /// <summary>
    /// Loads (on a fresh database: creates) the data-protection key ring now, rather than on the first request: a
    /// request during a database outage then still decrypts tokens from the cached ring, and two processes starting
    /// together, serialised by the lock, create one key instead of two.
    /// </summary>
    private static async Task LoadKeyRingAsync(NpgsqlDataSource dataSource, IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            command.Parameters.AddWithValue("key", KeyRingLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector("BotPbx.Startup").Protect("ready"u8.ToArray());
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", KeyRingLockKey);
            await unlock.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <returns>Null once a connection opened; otherwise the last error.</returns>
    private static async Task<Exception?> WaitForDatabaseAsync(NpgsqlDataSource dataSource, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                return null;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                // A wrong password or a missing database will not fix itself: no point waiting.
                if (!DatabaseErrors.IsUnavailable(e) || DateTime.UtcNow + RetryDelay > deadline)
                {
                    return e;
                }
            }
            await Task.Delay(RetryDelay, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogConfigurationError(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "Cannot connect to PostgreSQL at {Host}:{Port}, database \"{Database}\" (waited {Seconds} s): {Reason}. " +
                  "Check BOTPBX_DATABASE_URL and that PostgreSQL is running.")]
    private static partial void LogUnreachable(ILogger logger, string host, int port, string database, int seconds, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Database migration failed: {Message}")]
    private static partial void LogMigrationFailed(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot create the first administrator: {Message}")]
    private static partial void LogBootstrapFailed(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Target} ready")]
    private static partial void LogReady(ILogger logger, string target);
}
