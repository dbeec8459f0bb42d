using BotPbx.Ivr.Prompts;
using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

/// <summary>Small pieces several node types share.</summary>
internal static class NodeHelpers
{
    public static readonly IReadOnlyList<string> NextOnly = ["next"];

    public static readonly IReadOnlyList<string> NoHandles = [];

    /// <summary>A recording prompt points at a recording; a TTS prompt naming an engine points at that engine.</summary>
    public static IEnumerable<IvrReference> PromptReferences(IvrPrompt? prompt, string field)
    {
        if (prompt is null) yield break;
        if (prompt.Kind == IvrPrompt.Recording && prompt.RecordingId is { } recording)
        {
            yield return new IvrReference(IvrReferenceKind.Recording, recording, field + ".recordingId");
        }
        if (prompt.Kind == IvrPrompt.Tts && !string.IsNullOrEmpty(prompt.Engine))
        {
            yield return new IvrReference(IvrReferenceKind.TtsEngine, prompt.Engine, field + ".engine");
        }
    }

    /// <summary>Plays a prompt; returns the digit that interrupted it when <paramref name="escapeDigits"/> allows one.</summary>
    public static async Task<char?> PlayAsync(NodeContext context, IvrPrompt prompt, string escapeDigits, CancellationToken cancellationToken)
    {
        var file = await context.PromptFileAsync(prompt, cancellationToken).ConfigureAwait(false);
        return await context.Channel.PlayFileAsync(file, escapeDigits, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands the call to the dialplan: <c>Goto(context,target,1)</c> sets where Asterisk continues once the AGI script
    /// ends (the Goto application adjusts the priority so the dialplan resumes at exactly priority 1).
    /// </summary>
    public static async Task GotoAsync(NodeContext context, string dialplanContext, string target, CancellationToken cancellationToken)
    {
        var result = await context.Channel.ExecAsync("Goto", $"{dialplanContext},{target},1", cancellationToken).ConfigureAwait(false);
        if (result == -2) throw new InvalidOperationException("Asterisk has no Goto application.");
    }
}
