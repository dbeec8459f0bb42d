namespace BotPbx.Asterisk.Ami;

public sealed class QueueCallerJoinEvent(AmiEvent raw) : AmiChannelEvent(raw)
{
    public string Queue => Text("Queue");

    public int? Position => Raw.GetInt32("Position");

    public int? Count => Raw.GetInt32("Count");
}

/// <summary>Sent when the caller is connected to an agent or gives up, not at hangup (fixture README, AMI 17).</summary>
public sealed class QueueCallerLeaveEvent(AmiEvent raw) : AmiChannelEvent(raw)
{
    public string Queue => Text("Queue");

    public int? Position => Raw.GetInt32("Position");

    public int? Count => Raw.GetInt32("Count");
}

/// <summary><c>Status</c> is an AST_DEVICE_* number (1 not in use, 2 in use, 5 unavailable, 6 ringing…).</summary>
public sealed class QueueMemberStatusEvent(AmiEvent raw) : AmiTypedEvent(raw)
{
    public string Queue => Text("Queue");

    public string MemberName => Text("MemberName");

    public string Interface => Text("Interface");

    public string StateInterface => Text("StateInterface");

    public string Membership => Text("Membership");

    public int? Penalty => Raw.GetInt32("Penalty");

    public int? CallsTaken => Raw.GetInt32("CallsTaken");

    public bool? InCall => Raw.GetBoolean("InCall");

    public int? Status => Raw.GetInt32("Status");

    public bool? Paused => Raw.GetBoolean("Paused");

    public string PausedReason => Text("PausedReason");
}

/// <summary>The caller (channel block) was connected to the member (<c>Dest</c> block).</summary>
public sealed class AgentConnectEvent(AmiEvent raw) : AmiChannelEvent(raw)
{
    public AmiChannelInfo Agent => AmiChannelInfo.Read(Raw, "Dest");

    public string Queue => Text("Queue");

    public string Interface => Text("Interface");

    public string MemberName => Text("MemberName");

    public int? HoldTime => Raw.GetInt32("HoldTime");

    public int? RingTime => Raw.GetInt32("RingTime");
}
