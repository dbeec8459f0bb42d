namespace BotPbx.Telephony.Live;

/// <summary>
/// What the live model needs to know of BotPBX's configuration to name things: extensions (number, name, the saved
/// do-not-disturb, the user it belongs to), queues (Asterisk name = number → the name people gave it) and the PJSIP
/// endpoint names of trunks (a call whose first leg is a trunk endpoint came in; a leg on one goes out).
/// </summary>
public sealed record LiveDirectory(
    IReadOnlyDictionary<string, LiveDirectoryExtension> Extensions,
    IReadOnlyDictionary<string, string> QueueNames,
    IReadOnlySet<string> TrunkEndpoints)
{
    public static LiveDirectory Empty { get; } = new(
        new Dictionary<string, LiveDirectoryExtension>(), new Dictionary<string, string>(), new HashSet<string>());
}

public sealed record LiveDirectoryExtension(string Number, string Name, bool SavedDnd, long? UserId);
