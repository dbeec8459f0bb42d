using System.Globalization;
using System.Text.RegularExpressions;
using BotPbx.Asterisk.Ami;
using BotPbx.Telephony.Apply;

namespace BotPbx.Telephony.Asterisk;

/// <summary>Apply and inspection over the AMI client (answers as recorded in shared/fixtures/asterisk-22).</summary>
public sealed partial class AmiAsteriskManager(IAmiClient client) : IAsteriskManager, IAsteriskInspector, IPhoneOverrides
{
    public async Task<ModuleReloadOutcome> ReloadModuleAsync(string moduleName, CancellationToken cancellationToken) =>
        await client.ReloadModuleAsync(moduleName, cancellationToken).ConfigureAwait(false) switch
        {
            AmiReloadOutcome.Reloaded => ModuleReloadOutcome.Reloaded,
            AmiReloadOutcome.InProgress => ModuleReloadOutcome.InProgress,
            AmiReloadOutcome.NoSuchModule => ModuleReloadOutcome.NotLoaded,
            _ => ModuleReloadOutcome.NotSupported,
        };

    public Task<IReadOnlyList<string>> CommandAsync(string command, CancellationToken cancellationToken) =>
        client.CommandAsync(command, cancellationToken);

    public async Task<AsteriskInfo> GetInfoAsync(CancellationToken cancellationToken)
    {
        var settings = await client.CoreSettingsAsync(cancellationToken).ConfigureAwait(false);
        var status = await client.CoreStatusAsync(cancellationToken).ConfigureAwait(false);
        // "module show like .so" lists every module and ends with "<n> modules loaded".
        var modules = await client.CommandAsync("module show like .so", cancellationToken).ConfigureAwait(false);
        int? loaded = modules.Select(l => ModulesLoaded().Match(l)).FirstOrDefault(m => m.Success) is { } m
            ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;
        // "core show uptime seconds" answers "System uptime: 221" (fixture ami-command-output).
        var uptimeLines = await client.CommandAsync("core show uptime seconds", cancellationToken).ConfigureAwait(false);
        long? uptime = uptimeLines.Select(l => Uptime().Match(l)).FirstOrDefault(u => u.Success) is { } u
            ? long.Parse(u.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;
        var endpoints = await client.SendEventListAsync(new AmiAction("PJSIPShowEndpoints"), null, cancellationToken).ConfigureAwait(false);
        var items = endpoints.Items.Where(e => e.Name == "EndpointList").ToList();
        // Contacts lists "aor/uri," per registered contact: non-empty = at least one device or static contact.
        var registered = items.Count(e => !string.IsNullOrEmpty(e["Contacts"]));
        return new AsteriskInfo(settings.AsteriskVersion, uptime, status.StartedAt, status.LastReloadAt, loaded, items.Count, registered, status.CurrentCalls);
    }

    public async Task<TrunkProbe> ProbeTrunkAsync(string trunkSection, CancellationToken cancellationToken)
    {
        var registrations = await ListOrNoneAsync("PJSIPShowRegistrationsOutbound", cancellationToken).ConfigureAwait(false);
        var registration = registrations.FirstOrDefault(e => e["ObjectName"] == trunkSection)?["Status"];
        var contacts = await ListOrNoneAsync("PJSIPShowContacts", cancellationToken).ConfigureAwait(false);
        // Contact object names are "<aor>;@<hash>"; the trunk's AOR has the section's name.
        var contact = contacts.FirstOrDefault(e => e.Name == "ContactList" &&
            (e["ObjectName"]?.StartsWith(trunkSection + ";", StringComparison.Ordinal) ?? false));
        double? rtt = contact?["RoundtripUsec"] is { } usec && double.TryParse(usec, NumberStyles.Float, CultureInfo.InvariantCulture, out var us)
            ? Math.Round(us / 1000.0, 1)
            : null;
        return new TrunkProbe(registration, contact?["Status"], rtt);
    }

    /// <summary>
    /// The items of a PJSIP list action. With nothing to list, res_pjsip answers <c>Response: Error</c> with
    /// <c>Message: No Contacts found</c> (seen on Asterisk 22.10.1, issue 8) rather than an empty list: that is an
    /// empty list here. Any other error (e.g. <c>Permission denied</c>) throws <see cref="AmiActionException"/>, so
    /// a refusal is never mistaken for "Asterisk does not know this trunk".
    /// </summary>
    private async Task<IReadOnlyList<AmiEvent>> ListOrNoneAsync(string action, CancellationToken cancellationToken)
    {
        var request = new AmiAction(action);
        var list = await client.SendEventListAsync(request, null, cancellationToken).ConfigureAwait(false);
        if (list.Response.IsSuccess) return list.Items;
        if (NothingFound().IsMatch(list.Response.Message ?? "")) return [];
        list.Response.EnsureSuccess(request);
        return list.Items;
    }

    [GeneratedRegex(@"\ANo \w+ found\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NothingFound();

    public async Task ClearAsync(string extensionNumber, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            // "Database entry not found" (Response: Error) just means the phone never set it.
            _ = await client.SendActionAsync(new AmiAction("DBDel").Add("Family", PhoneOverrideKeys.Family).Add("Key", extensionNumber + "/" + key),
                null, cancellationToken).ConfigureAwait(false);
        }
    }

    [GeneratedRegex(@"^System uptime: (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Uptime();

    [GeneratedRegex(@"(\d+) modules? loaded", RegexOptions.CultureInvariant)]
    private static partial Regex ModulesLoaded();
}
