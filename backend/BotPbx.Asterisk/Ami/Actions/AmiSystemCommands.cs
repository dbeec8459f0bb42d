using System.Diagnostics;
using System.Globalization;

namespace BotPbx.Asterisk.Ami;

/// <summary>Ping, CLI commands, reloads and core status: what the API status page and the config-apply path call.</summary>
public static class AmiSystemCommands
{
    /// <summary>Fixture ami-reload-in-progress-via-command: Command answers Success with this text while a reload runs.</summary>
    private const string CommandReloadInProgress = "already in progress";

    /// <summary>Round trip of <c>Action: Ping</c>.</summary>
    public static async Task<TimeSpan> PingAsync(this IAmiClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var action = new AmiAction("Ping");
        var started = Stopwatch.GetTimestamp();
        (await client.SendActionAsync(action, null, cancellationToken).ConfigureAwait(false)).EnsureSuccess(action);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// Runs a CLI command and returns its output lines (Asterisk 22: <c>Output:</c> lines; legacy: the lines before
    /// <c>--END COMMAND--</c>). An unknown command is <c>Response: Error</c> and throws <see cref="AmiActionException"/>,
    /// whose <c>Response.Output</c> holds Asterisk's "No such command" text.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CommandAsync(this IAmiClient client, string command, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        var action = new AmiAction("Command").Add("Command", command);
        var response = await client.SendActionAsync(action, timeout, cancellationToken).ConfigureAwait(false);
        return response.EnsureSuccess(action).Output;
    }

    /// <summary>
    /// <c>Action: Reload Module: x</c> with a typed outcome (fixture ami-events-reloads and ami-reload-in-progress-*).
    /// Answers other than these four throw <see cref="AmiActionException"/>. Callers retry on <see cref="AmiReloadOutcome.InProgress"/>.
    /// </summary>
    public static async Task<AmiReloadOutcome> ReloadModuleAsync(this IAmiClient client, string module, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(module);
        var action = new AmiAction("Reload").Add("Module", module);
        var response = await client.SendActionAsync(action, timeout, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess) return AmiReloadOutcome.Reloaded;
        return response.Message switch
        {
            "A reload is in progress" => AmiReloadOutcome.InProgress,
            "No such module" => AmiReloadOutcome.NoSuchModule,
            "Module does not support reload" => AmiReloadOutcome.NotSupported,
            _ => throw new AmiActionException(action.Name, response.ActionId ?? string.Empty, response),
        };
    }

    /// <summary>
    /// A reload through the CLI (<c>module reload res_pjsip.so</c>, <c>dialplan reload</c>, <c>queue reload all</c>).
    /// Asterisk answers Success even when another reload is running, so the output text is checked.
    /// </summary>
    public static async Task<AmiCommandReloadResult> CommandReloadAsync(this IAmiClient client, string command, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var output = await client.CommandAsync(command, cancellationToken, timeout).ConfigureAwait(false);
        var inProgress = output.Any(line => line.Contains(CommandReloadInProgress, StringComparison.OrdinalIgnoreCase));
        return new AmiCommandReloadResult(inProgress ? AmiReloadOutcome.InProgress : AmiReloadOutcome.Reloaded, output);
    }

    public static async Task<AmiCoreStatus> CoreStatusAsync(this IAmiClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var action = new AmiAction("CoreStatus");
        var r = (await client.SendActionAsync(action, null, cancellationToken).ConfigureAwait(false)).EnsureSuccess(action);
        return new AmiCoreStatus(
            ParseLocal(r["CoreStartupDate"], r["CoreStartupTime"]),
            ParseLocal(r["CoreReloadDate"], r["CoreReloadTime"]),
            r.GetInt32("CoreCurrentCalls") ?? 0,
            r.GetInt32("CoreProcessedCalls") ?? 0);
    }

    public static async Task<AmiCoreSettings> CoreSettingsAsync(this IAmiClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var action = new AmiAction("CoreSettings");
        var r = (await client.SendActionAsync(action, null, cancellationToken).ConfigureAwait(false)).EnsureSuccess(action);
        return new AmiCoreSettings(
            r["AMIversion"] ?? string.Empty,
            r["AsteriskVersion"] ?? string.Empty,
            r["SystemName"] ?? string.Empty,
            r.GetInt32("CoreMaxCalls") ?? 0,
            r.GetDouble("CoreMaxLoadAvg") ?? 0,
            r["CoreRunUser"] ?? string.Empty,
            r["CoreRunGroup"] ?? string.Empty,
            r.GetInt32("CoreMaxFilehandles") ?? 0,
            r.GetBoolean("CoreRealTimeEnabled") ?? false,
            r.GetBoolean("CoreCDRenabled") ?? false,
            r.GetBoolean("CoreHTTPenabled") ?? false);
    }

    /// <summary>CoreStatus dates are Asterisk's local time with no zone (fixture: <c>2026-11-21</c> + <c>05:39:33</c>).</summary>
    private static DateTime? ParseLocal(string? date, string? time) =>
        DateTime.TryParseExact($"{date} {time}", "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : null;
}

/// <summary>What <c>Action: Reload</c> achieved.</summary>
public enum AmiReloadOutcome
{
    /// <summary><c>Message: Module Reloaded</c> (also when Asterisk queued the reload).</summary>
    Reloaded,

    /// <summary><c>A reload is in progress</c>: retry shortly.</summary>
    InProgress,

    /// <summary><c>No such module</c>.</summary>
    NoSuchModule,

    /// <summary><c>Module does not support reload</c>.</summary>
    NotSupported,
}

public sealed record AmiCommandReloadResult(AmiReloadOutcome Outcome, IReadOnlyList<string> Output);

/// <summary>CoreStatus. Times are Asterisk's local clock, without a zone.</summary>
public sealed record AmiCoreStatus(DateTime? StartedAt, DateTime? LastReloadAt, int CurrentCalls, int ProcessedCalls);

public sealed record AmiCoreSettings(
    string AmiVersion,
    string AsteriskVersion,
    string SystemName,
    int MaxCalls,
    double MaxLoadAverage,
    string RunUser,
    string RunGroup,
    int MaxFileHandles,
    bool RealTimeEnabled,
    bool CdrEnabled,
    bool HttpEnabled);
