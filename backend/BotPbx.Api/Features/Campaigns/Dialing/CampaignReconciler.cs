using System.Globalization;
using BotPbx.Asterisk.Ami;
using BotPbx.Dialer.Contacts;

namespace BotPbx.Api.Features.Campaigns.Dialing;

/// <summary>
/// Settles open attempts from Asterisk's own state rather than from memory, so a restarted (even kill -9'd) service
/// neither dials a contact twice nor loses an outcome. For each attempt still open in the database and not being
/// originated by this process:
/// <list type="bullet">
/// <item>its outcome and end in AstDB (botpbx-campaign/&lt;attempt&gt;/outcome, /end, /failed — written by the
/// dialplan before the UserEvents) are recorded;</item>
/// <item>a channel whose Uniqueid is the attempt id (Originate's ChannelId) is still up: left open, its events will come;</item>
/// <item>neither a channel nor any AstDB entry: Asterisk never received the Originate (the process died between
/// committing the attempt and sending it), so the contact is released to be dialled — the only case that dials again,
/// and the one case where no call was ever made.</item>
/// </list>
/// </summary>
public sealed partial class CampaignReconciler(DialerStore store, ILogger<CampaignReconciler> logger)
{
    private const string Family = "botpbx-campaign";

    /// <summary>An attempt younger than this is left alone when nothing is known yet (Asterisk may still be creating its channel).</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public async Task ReconcileAsync(IAmiClient client, IReadOnlySet<Guid> originating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var open = (await store.OpenAttemptsAsync(cancellationToken)).Where(a => !originating.Contains(a.Id)).ToList();
        if (open.Count == 0) return;
        var channels = await LiveUniqueIdsAsync(client, cancellationToken);
        var records = await AstDbAsync(client, cancellationToken);
        foreach (var attempt in open)
        {
            var key = attempt.Id.ToString("N");
            records.TryGetValue(key, out var r);
            var alive = channels.Contains(key);
            if (r?.Outcome is { } o)
            {
                var parts = o.Split('|');
                if (CallOutcomes.TryParse(parts[0], out var outcome))
                    await store.RecordOutcomeAsync(attempt.Id, outcome, ended: false, cancellationToken, parts.ElementAtOrDefault(1), parts.ElementAtOrDefault(2), recovered: true);
            }
            if (r?.Failed is { } failed)
            {
                var reason = int.TryParse(failed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
                await store.RecordOutcomeAsync(attempt.Id, CallOutcomes.FromOriginateReason(reason), ended: true, cancellationToken, originateReason: reason, recovered: true);
                await ForgetAsync(client, attempt.Id, cancellationToken);
                LogRecovered(logger, attempt.Id, "failed " + failed);
                continue;
            }
            if (alive) continue;
            if (r is not null && (r.End is not null || r.Answered is not null || r.Outcome is not null))
            {
                var end = r.End?.Split('|');
                int? cause = end is not null && int.TryParse(end[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : null;
                await store.RecordOutcomeAsync(attempt.Id, CallOutcome.Human, ended: false, cancellationToken, "HANGUP", recovered: true);
                await store.RecordEndAsync(attempt.Id, cause, end?.ElementAtOrDefault(1), cancellationToken);
                await ForgetAsync(client, attempt.Id, cancellationToken);
                LogRecovered(logger, attempt.Id, "ended " + (r.End ?? "while BotPBX was away"));
                continue;
            }
            if (DateTimeOffset.UtcNow - attempt.StartedAt < Grace) continue;
            await store.ReleaseAsync(attempt.Id, cancellationToken);
            LogReleased(logger, attempt.Id);
        }
    }

    /// <summary>Removes an attempt's AstDB entries once its outcome is in PostgreSQL.</summary>
    public async Task ForgetAsync(IAmiClient client, Guid attemptId, CancellationToken cancellationToken)
    {
        try
        {
            await client.CommandAsync($"database deltree {Family}/{attemptId:N}", cancellationToken);
        }
        catch (AmiException)
        {
            // Left for the next reconcile: an entry of an ended attempt is ignored there and removed again.
        }
    }

    private static async Task<HashSet<string>> LiveUniqueIdsAsync(IAmiClient client, CancellationToken cancellationToken)
    {
        var list = await client.SendEventListAsync(new AmiAction("CoreShowChannels"), null, cancellationToken);
        return list.Items.Select(e => e["Uniqueid"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    private sealed class Record
    {
        public string? Answered { get; set; }
        public string? Outcome { get; set; }
        public string? End { get; set; }
        public string? Failed { get; set; }
    }

    /// <summary>Parses <c>database show botpbx-campaign</c>: lines "/botpbx-campaign/&lt;attempt&gt;/&lt;key&gt; : value".</summary>
    private static async Task<Dictionary<string, Record>> AstDbAsync(IAmiClient client, CancellationToken cancellationToken)
    {
        var records = new Dictionary<string, Record>(StringComparer.Ordinal);
        foreach (var line in await client.CommandAsync("database show " + Family, cancellationToken))
        {
            var colon = line.IndexOf(" : ", StringComparison.Ordinal);
            if (colon < 0 || !line.StartsWith("/" + Family + "/", StringComparison.Ordinal)) continue;
            var path = line[..colon].Trim().Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (path.Length != 3) continue;
            var value = line[(colon + 3)..].Trim();
            if (!records.TryGetValue(path[1], out var r)) records[path[1]] = r = new Record();
            switch (path[2])
            {
                case "answered": r.Answered = value; break;
                case "outcome": r.Outcome = value; break;
                case "end": r.End = value; break;
                case "failed": r.Failed = value; break;
            }
        }
        return records;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign attempt {AttemptId} recovered from Asterisk: {What}")]
    private static partial void LogRecovered(ILogger logger, Guid attemptId, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign attempt {AttemptId}: Asterisk never saw it (no channel, no outcome); the contact is released to be dialled")]
    private static partial void LogReleased(ILogger logger, Guid attemptId);
}
