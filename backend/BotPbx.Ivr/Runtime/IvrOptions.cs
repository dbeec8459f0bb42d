namespace BotPbx.Ivr.Runtime;

/// <summary>
/// Interpreter settings (section "Ivr"). The dialplan contexts are the contract with the generated dialplan: a transfer
/// ends the AGI session after <c>Goto(context,target,1)</c>, and Asterisk continues there when AGI() returns.
/// </summary>
public sealed class IvrOptions
{
    /// <summary>Loop guard: a call that runs this many nodes gets the fallback (a flow that loops without waiting for the caller).</summary>
    public int MaxStepsPerCall { get; set; } = 500;

    /// <summary>
    /// Played when a flow cannot go on (an error, the loop guard, an IVR that is not published). Asterisk's core sound
    /// file is really spelled "occured".
    /// </summary>
    public string FallbackSound { get; set; } = "an-error-has-occured";

    /// <summary>Where a caller goes after the fallback prompt (an extension number in <see cref="TransferContext"/>); empty = hang up.</summary>
    public string FallbackExtension { get; set; } = string.Empty;

    /// <summary>Context that reaches extensions, ring groups, queues by number, and external numbers through the outbound routes.</summary>
    public string TransferContext { get; set; } = "from-internal";

    /// <summary>Context whose extension is an AI agent id; BOTPBX_AI_AGENT and BOTPBX_AI_CONTEXT are set before the Goto.</summary>
    public string AiAgentContext { get; set; } = "botpbx-ai-agent";

    /// <summary>voicemail.conf context of the mailboxes.</summary>
    public string VoicemailContext { get; set; } = "default";

    /// <summary>The mailbox a voicemail node with mailbox "general" leaves messages in.</summary>
    public string GeneralMailbox { get; set; } = "general";

    /// <summary>Directory (readable by Asterisk) where recordMessage nodes record to.</summary>
    public string MessagesDirectory { get; set; } = "/var/spool/asterisk/botpbx/ivr";

    /// <summary>
    /// After a command fails with -1, how long to wait for Asterisk's <c>HANGUP</c> line before calling it a failure
    /// rather than the caller hanging up. Asterisk sent it about 40 ms after the reply in fixture
    /// fastagi-sip-601-caller-hangs-up-during-stream.
    /// </summary>
    public TimeSpan HangupGrace { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Digit timeout of a menu whose node gives none.</summary>
    public int DefaultMenuTimeoutSeconds { get; set; } = 5;

    /// <summary>Retries of a menu whose node gives none.</summary>
    public int DefaultMenuRetries { get; set; } = 2;
}
