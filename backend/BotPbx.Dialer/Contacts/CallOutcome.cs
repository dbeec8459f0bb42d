namespace BotPbx.Dialer.Contacts;

/// <summary>
/// How one attempt ended. Human and Machine come from AMDSTATUS (NOTSURE counts as human: a person hearing silence
/// hangs up, a machine only records it); the others from OriginateResponse's reason or the hang-up cause.
/// Abandoned: a person answered but no agent or queue member was free, so the call was dropped (VICIdial's sense).
/// </summary>
public enum CallOutcome
{
    Human,
    Machine,
    NoAnswer,
    Busy,
    Failed,
    Abandoned,
}

public static class CallOutcomes
{
    private static readonly string[] Names = ["human", "machine", "no-answer", "busy", "failed", "abandoned"];

    public static string Name(this CallOutcome outcome) => Names[(int)outcome];

    public static bool TryParse(string? name, out CallOutcome outcome)
    {
        var index = Array.IndexOf(Names, name);
        outcome = index < 0 ? default : (CallOutcome)index;
        return index >= 0;
    }

    /// <summary>
    /// OriginateResponse's Reason (Asterisk's AST_CONTROL_* value of the failed dial): 1 hung up before answer,
    /// 3 ring timeout, 5 busy, 8 congestion, 0 no such channel (the trunk refused or is down).
    /// </summary>
    public static CallOutcome FromOriginateReason(int reason) => reason switch
    {
        3 => CallOutcome.NoAnswer,
        1 => CallOutcome.NoAnswer,
        5 => CallOutcome.Busy,
        _ => CallOutcome.Failed,
    };

    /// <summary>
    /// An Originate that did not connect. Asterisk's async Originate reports a refusal such as 486 Busy Here as Reason 0
    /// (measured on 22.10): the dialled channel's hang-up cause (17 user busy) tells what happened, when it is known.
    /// </summary>
    public static CallOutcome FromOriginate(int reason, int? hangupCause) =>
        reason is 0 or 1 && hangupCause is { } cause and > 0 ? FromHangupCause(cause) : FromOriginateReason(reason);

    /// <summary>A Q.850 hang-up cause of an unanswered call: 17 user busy, 18/19/21 no answer, others failed.</summary>
    public static CallOutcome FromHangupCause(int cause) => cause switch
    {
        17 => CallOutcome.Busy,
        18 or 19 => CallOutcome.NoAnswer,
        _ => CallOutcome.Failed,
    };

    /// <summary>AMDSTATUS: MACHINE is a machine; HUMAN, NOTSURE and HANGUP-less empties count as a person.</summary>
    public static CallOutcome FromAmdStatus(string? status) =>
        string.Equals(status, "MACHINE", StringComparison.OrdinalIgnoreCase) ? CallOutcome.Machine : CallOutcome.Human;
}
