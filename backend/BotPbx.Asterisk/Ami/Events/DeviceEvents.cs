namespace BotPbx.Asterisk.Ami;

/// <summary><c>State</c>: NOT_INUSE, INUSE, BUSY, RINGING, UNAVAILABLE… (fixture ami-events-registration-1001).</summary>
public sealed class DeviceStateChangeEvent(AmiEvent raw) : AmiTypedEvent(raw)
{
    public string Device => Text("Device");

    public string State => Text("State");
}

/// <summary>Hint state; during boot <c>Hint</c> can be empty (fixture ami-restart-conn2-after).</summary>
public sealed class ExtensionStatusEvent(AmiEvent raw) : AmiTypedEvent(raw)
{
    public string Exten => Text("Exten");

    public string Context => Text("Context");

    public string Hint => Text("Hint");

    /// <summary>0 idle, 1 in use, 2 busy, 4 unavailable, 8 ringing, 16 on hold (bit flags).</summary>
    public int? Status => Raw.GetInt32("Status");

    public string StatusText => Text("StatusText");
}

/// <summary>PJSIP: <c>Peer: PJSIP/1001</c>, <c>PeerStatus: Reachable|Unreachable</c>.</summary>
public sealed class PeerStatusEvent(AmiEvent raw) : AmiTypedEvent(raw)
{
    public string ChannelType => Text("ChannelType");

    public string Peer => Text("Peer");

    public string PeerStatus => Text("PeerStatus");

    public string Cause => Text("Cause");

    public string Address => Text("Address");
}

/// <summary><c>ContactStatus</c>: Reachable, Unreachable, NonQualified, Created, Removed, Updated.</summary>
public sealed class ContactStatusEvent(AmiEvent raw) : AmiTypedEvent(raw)
{
    public string Uri => Text("URI");

    public string ContactStatus => Text("ContactStatus");

    public string Aor => Text("AOR");

    public string EndpointName => Text("EndpointName");

    /// <summary>Round trip in microseconds; Asterisk writes <c>N/A</c> when not qualified.</summary>
    public int? RoundtripUsec => Raw.GetInt32("RoundtripUsec");
}

/// <summary>Outbound registration of a trunk: <c>Status</c> Registered, Unregistered, Rejected, Failed…</summary>
public sealed class RegistryEvent(AmiEvent raw) : AmiTypedEvent(raw)
{
    public string ChannelType => Text("ChannelType");

    public string Username => Text("Username");

    public string Domain => Text("Domain");

    public string Status => Text("Status");

    public string Cause => Text("Cause");
}
