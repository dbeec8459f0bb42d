using BotPbx.Ivr.Runtime;
using BotPbx.Telephony.Rendering;

namespace BotPbx.Ivr.Nodes;

public sealed record VoicemailData(string Mailbox, string? Label = null);

/// <summary>
/// Lets the caller leave a message with Asterisk's VoiceMail application (<c>u</c>: the "unavailable" greeting).
/// When VoiceMail returns the caller has finished, so the node hangs up and the flow ends. Mailboxes live in the
/// voicemail.conf context the PBX renders (<see cref="DialplanContexts.Mailboxes"/>), named by extension number;
/// "general" is the extension set as <see cref="IvrOptions.GeneralMailbox"/>, and is checked like any other mailbox.
/// </summary>
public sealed class VoicemailExecutor : INodeExecutor<VoicemailData>
{
    public const string General = "general";

    public static readonly NodeSpec Spec = new NodeSpec<VoicemailData>("voicemail", new VoicemailExecutor(),
        _ => NodeHelpers.NoHandles,
        waitsForCaller: true,
        references: d => [new IvrReference(IvrReferenceKind.Mailbox, d.Mailbox, "mailbox")]);

    public async Task<NodeResult> ExecuteAsync(NodeContext context, VoicemailData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var options = context.Runtime.Options;
        var mailbox = data.Mailbox == General ? options.GeneralMailbox : data.Mailbox;
        if (mailbox.Length == 0) throw new InvalidOperationException("The general mailbox is not set up (Ivr:GeneralMailbox).");
        var result = await context.Channel.ExecAsync("VoiceMail", $"{mailbox}@{DialplanContexts.Mailboxes},u", cancellationToken).ConfigureAwait(false);
        if (result == -2) throw new InvalidOperationException("Asterisk has no VoiceMail application (app_voicemail is not loaded).");
        // Our own HANGUP is answered by Asterisk's HANGUP line; that must not count as the caller hanging up.
        await context.Channel.HangupAsync(CancellationToken.None).ConfigureAwait(false);
        return NodeResult.HungUp($"voicemail {mailbox}");
    }
}
