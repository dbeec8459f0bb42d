namespace BotPbx.Asterisk.Ami;

public sealed class NewchannelEvent(AmiEvent raw) : AmiChannelEvent(raw);

public sealed class NewstateEvent(AmiEvent raw) : AmiChannelEvent(raw);

/// <summary><c>Cause</c> is the Q.850 cause (16 = normal clearing, fixture ami-events-call-1001-to-1002).</summary>
public sealed class HangupEvent(AmiEvent raw) : AmiChannelEvent(raw)
{
    public int? Cause => Raw.GetInt32("Cause");

    public string CauseText => Text("Cause-txt");
}

/// <summary>Channel variable set; AMD's verdict arrives this way (<c>AMDSTATUS</c>, fixture ami-events-amd-606).</summary>
public sealed class VarSetEvent(AmiEvent raw) : AmiChannelEvent(raw)
{
    public string Variable => Text("Variable");

    public string Value => Text("Value");
}

public sealed class DialBeginEvent(AmiEvent raw) : AmiChannelEvent(raw)
{
    public AmiChannelInfo Destination => AmiChannelInfo.Read(Raw, "Dest");

    public string DialString => Text("DialString");
}

/// <summary><c>DialStatus</c>: ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL…</summary>
public sealed class DialEndEvent(AmiEvent raw) : AmiChannelEvent(raw)
{
    public AmiChannelInfo Destination => AmiChannelInfo.Read(Raw, "Dest");

    public string DialStatus => Text("DialStatus");
}

public sealed class BridgeEnterEvent(AmiEvent raw) : AmiChannelEvent(raw)
{
    public AmiBridgeInfo Bridge => AmiBridgeInfo.Read(Raw);
}

public sealed class BridgeLeaveEvent(AmiEvent raw) : AmiChannelEvent(raw)
{
    public AmiBridgeInfo Bridge => AmiBridgeInfo.Read(Raw);
}

/// <summary>Needs cdr_manager enabled; arrives before the two Hangup events (fixture README, AMI 16).</summary>
public sealed class CdrEvent(AmiEvent raw) : AmiTypedEvent(raw)
{
    public string AccountCode => Text("AccountCode");

    public string Source => Text("Source");

    public string Destination => Text("Destination");

    public string DestinationContext => Text("DestinationContext");

    public string CallerId => Text("CallerID");

    public string Channel => Text("Channel");

    public string DestinationChannel => Text("DestinationChannel");

    public string LastApplication => Text("LastApplication");

    public string StartTime => Text("StartTime");

    public string AnswerTime => Text("AnswerTime");

    public string EndTime => Text("EndTime");

    public int? Duration => Raw.GetInt32("Duration");

    public int? BillableSeconds => Raw.GetInt32("BillableSeconds");

    /// <summary>ANSWERED, NO ANSWER, BUSY, FAILED.</summary>
    public string Disposition => Text("Disposition");

    public string UniqueId => Text("UniqueID");

    public string UserField => Text("UserField");
}

/// <summary>The late answer to an async Originate; carries the action's ActionID (fixture ami-events-originate-async).</summary>
public sealed class OriginateResponseEvent(AmiEvent raw) : AmiChannelEvent(raw)
{
    /// <summary><c>Success</c> or <c>Failure</c> (an event field, not a response).</summary>
    public string Response => Text("Response");

    public bool IsSuccess => string.Equals(Response, "Success", StringComparison.OrdinalIgnoreCase);

    /// <summary>The last control frame: 0 failure, 1 hangup, 3 ringing, 4 answered, 5 busy, 8 congestion.</summary>
    public int? Reason => Raw.GetInt32("Reason");
}
