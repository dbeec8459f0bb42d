namespace BotPbx.Telephony.Rendering;

/// <summary>
/// The AMI classes BotPBX's manager.conf user gets: only those of the actions it sends and the events it reads, never
/// <c>all</c>. Asterisk lets an action through when the user's write classes share any class with the action's
/// (manager.c: <c>writeperm &amp; authority</c>), so each action maps to one of its classes, preferring one already needed.
/// Classes as registered in Asterisk 22 (manager.c, db.c, res_pjsip, app_queue; <c>manager show command &lt;Action&gt;</c>
/// prints them). A test checks every <c>new AmiAction("…")</c> in backend/ and every typed event has an entry here.
/// </summary>
internal static class AmiPrivileges
{
    /// <summary>Action → the class that grants it; empty for actions every logged-in user may send.</summary>
    public static IReadOnlyDictionary<string, string> Actions { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Login"] = "", ["Challenge"] = "", ["Logoff"] = "", ["Ping"] = "", ["Events"] = "",
        // CLI text BotPBX reads: "module show like .so", "core show uptime seconds", and reloads that have no action.
        ["Command"] = "command",
        ["Reload"] = "system",          // system,config
        ["CoreStatus"] = "system",      // system,reporting
        ["CoreSettings"] = "system",    // system,reporting
        ["DBDel"] = "system",
        ["PJSIPShowEndpoints"] = "system",
        ["PJSIPShowContacts"] = "system",
        ["PJSIPShowRegistrationsOutbound"] = "system",
        ["CoreShowChannels"] = "system", // system,reporting: the campaign reconciler, call monitoring and the live model
        // app_queue registers it with no class: any logged-in user (the dialer counts free queue members).
        ["QueueSummary"] = "",
        ["Getvar"] = "call",            // call,reporting
        ["Setvar"] = "call",
        ["Hangup"] = "call",            // system,call
        ["Redirect"] = "call",
        ["Originate"] = "originate",
        ["PlayDTMF"] = "call",
        ["QueueAdd"] = "agent",
        ["QueueRemove"] = "agent",
        ["QueuePause"] = "agent",
        // The live model's resync (docs/live.md).
        ["QueueStatus"] = "",              // app_queue registers it with no class
        ["ExtensionStateList"] = "call",   // call,reporting
        ["DBGet"] = "system",              // system,reporting
    };

    /// <summary>Event → its class (the first argument of manager_event / the stasis message's class).</summary>
    public static IReadOnlyDictionary<string, string> Events { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Newchannel"] = "call", ["Newstate"] = "call", ["Hangup"] = "call", ["DialBegin"] = "call", ["DialEnd"] = "call",
        ["BridgeEnter"] = "call", ["BridgeLeave"] = "call", ["OriginateResponse"] = "call",
        ["DeviceStateChange"] = "call", ["ExtensionStatus"] = "call",
        ["VarSet"] = "dialplan",
        ["Cdr"] = "cdr",
        ["QueueCallerJoin"] = "agent", ["QueueCallerLeave"] = "agent", ["QueueMemberStatus"] = "agent", ["AgentConnect"] = "agent",
        ["PeerStatus"] = "system", ["ContactStatus"] = "system", ["Registry"] = "system",
        ["FullyBooted"] = "system", ["Reload"] = "system", ["Shutdown"] = "system",
        ["UserEvent"] = "user",
        // Read by the live model (docs/live.md); all within classes the events above already need.
        ["Newexten"] = "dialplan", ["NewCallerid"] = "call", ["NewConnectedLine"] = "call", ["Rename"] = "call",
        ["BlindTransfer"] = "call", ["AttendedTransfer"] = "call", ["QueueCallerAbandon"] = "agent", ["QueueMemberAdded"] = "agent",
        ["QueueMemberRemoved"] = "agent", ["QueueMemberPause"] = "agent", ["AgentComplete"] = "agent",
        // BotPBX's own in-stream marker that events were lost (the AMI client makes it; Asterisk never sends it).
        ["BotPbxEventsLost"] = "",
        // Security events (SecurityEvent.Names); the failed ones are what SIP brute-force protection counts.
        ["InvalidAccountID"] = "security", ["ChallengeResponseFailed"] = "security", ["InvalidPassword"] = "security",
        ["FailedACL"] = "security", ["AuthMethodNotAllowed"] = "security", ["UnexpectedAddress"] = "security",
        ["InvalidTransport"] = "security", ["RequestNotAllowed"] = "security", ["SuccessfulAuth"] = "security",
        ["ChallengeSent"] = "security", ["SessionLimit"] = "security", ["MemoryLimit"] = "security",
        ["LoadAverageLimit"] = "security", ["RequestNotSupported"] = "security", ["RequestBadFormat"] = "security",
    };

    /// <summary>manager.conf <c>write=</c>.</summary>
    public static string Write => Join(Actions.Values);

    /// <summary>manager.conf <c>read=</c>.</summary>
    public static string Read => Join(Events.Values);

    private static string Join(IEnumerable<string> classes) =>
        string.Join(',', classes.Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
