namespace BotPbx.Telephony.Asterisk;

/// <summary>Live facts read from Asterisk for the status page and the trunk test.</summary>
public interface IAsteriskInspector
{
    Task<AsteriskInfo> GetInfoAsync(CancellationToken cancellationToken);

    /// <summary>Outbound registration state and contact reachability (qualify) of one pjsip trunk section.</summary>
    Task<TrunkProbe> ProbeTrunkAsync(string trunkSection, CancellationToken cancellationToken);
}

/// <param name="StartedAt">Asterisk's local time without zone, as CoreStatus reports it.</param>
public sealed record AsteriskInfo(
    string Version,
    long? UptimeSeconds,
    DateTime? StartedAt,
    DateTime? LastReloadAt,
    int? ModulesLoaded,
    int EndpointsTotal,
    int EndpointsRegistered,
    int CurrentCalls);

/// <param name="Registration">Asterisk's status text (Registered, Unregistered, Rejected…) or null when the trunk does not register.</param>
/// <param name="Reachability">Contact status (Reachable, Unreachable, NonQualified, Unknown) or null when no contact was found.</param>
public sealed record TrunkProbe(string? Registration, string? Reachability, double? RoundtripMs);
