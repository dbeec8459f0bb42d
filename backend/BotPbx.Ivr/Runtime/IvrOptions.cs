namespace BotPbx.Ivr.Runtime;

/// <summary>
/// Interpreter settings (section "Ivr"). The dialplan contexts a transfer hands the call to are not settings: they are
/// <see cref="BotPbx.Telephony.Rendering.DialplanContexts"/>, the names the generated dialplan is rendered with.
/// </summary>
public sealed class IvrOptions
{
    /// <summary>Loop guard: a call that runs this many nodes gets the fallback (a flow that loops without waiting for the caller).</summary>
    public int MaxStepsPerCall { get; set; } = 500;

    /// <summary>
    /// Played when a flow cannot go on (an error, the loop guard, an IVR that is not published): BotPBX's own error
    /// prompt (<see cref="BotPbx.Telephony.Sounds.SystemPrompts.Error"/>), made with flite, because Asterisk's
    /// <c>an-error-has-occured</c> is not in Debian's English sounds. The service sets the absolute path under
    /// ASTERISK_SOUNDS; this default, relative to Asterisk's sounds folder, is for the library on its own.
    /// </summary>
    public string FallbackSound { get; set; } = "botpbx/system/" + BotPbx.Telephony.Sounds.SystemPrompts.Error.Name;

    /// <summary>
    /// Where a caller goes after the fallback prompt: an internal number (extension, ring group, queue) dialled as a
    /// phone would, in <see cref="BotPbx.Telephony.Rendering.DialplanContexts.Internal"/>; empty = hang up.
    /// </summary>
    public string FallbackExtension { get; set; } = string.Empty;

    /// <summary>
    /// The extension number whose mailbox a voicemail node with mailbox "general" leaves messages in; empty = no company
    /// mailbox, and a flow that uses "general" cannot be published.
    /// </summary>
    public string GeneralMailbox { get; set; } = string.Empty;

    /// <summary>
    /// Directory (readable by Asterisk) where recordMessage nodes record to. The service sets it to
    /// <c>ASTERISK_SPOOL/botpbx/ivr</c>; this default is Debian's spool folder, for the library on its own.
    /// </summary>
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
