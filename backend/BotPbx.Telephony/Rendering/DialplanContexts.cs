namespace BotPbx.Telephony.Rendering;

/// <summary>
/// The names other features use to hand a call to the generated dialplan: the one place they are spelled. The IVR
/// interpreter ends a transfer with <c>Goto(&lt;context&gt;,&lt;number&gt;,1)</c> into these contexts and leaves messages
/// in <see cref="Mailboxes"/>; the renderer writes exactly these contexts, one extension per object number.
/// </summary>
public static class DialplanContexts
{
    /// <summary>The phones' context: every internal number, feature code and outbound route, as a desk phone dials.</summary>
    public const string Internal = "botpbx-internal";

    /// <summary>One extension per extension number: DND, forwarding, follow-me, then voicemail on no answer.</summary>
    public const string Extensions = "botpbx-extensions";

    /// <summary>One extension per ring-group number.</summary>
    public const string RingGroups = "botpbx-ringgroups";

    /// <summary>One extension per queue number.</summary>
    public const string Queues = "botpbx-queues";

    public const string Conferences = "botpbx-conferences";

    /// <summary>External numbers: emergency numbers first, then the outbound routes in route order.</summary>
    public const string Outbound = "botpbx-outbound";

    /// <summary>One extension per AI agent id: answers and hands the call to the ARI application (Stasis).</summary>
    public const string AiAgents = "botpbx-ai-agent";

    /// <summary>One extension per AI agent's internal number (included in <see cref="Internal"/>): Goto the agent's id in <see cref="AiAgents"/>.</summary>
    public const string AiAgentNumbers = "botpbx-ai-agent-numbers";

    /// <summary>Outbound campaign calls are originated into s,1 here: AMD, then the destination or the voicemail message (CampaignDialplan).</summary>
    public const string Campaign = "botpbx-campaign";

    /// <summary>The voicemail.conf context of every extension's mailbox (<c>VoiceMail(&lt;number&gt;@botpbx,u)</c>).</summary>
    public const string Mailboxes = "botpbx";

    /// <summary>Path of the IVR hand-off on BotPBX's FastAGI server: <c>AGI(agi://host:port/ivr/&lt;id&gt;)</c>.</summary>
    public const string IvrAgiPath = "ivr/";
}
