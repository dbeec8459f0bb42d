using BotPbx.Ivr.Prompts;
using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

public sealed record PlayMessageData(IvrPrompt Prompt, string? Label = null);

/// <summary>Plays a TTS text or an uploaded recording to the end.</summary>
public sealed class PlayMessageExecutor : INodeExecutor<PlayMessageData>
{
    public static readonly NodeSpec Spec = new NodeSpec<PlayMessageData>("playMessage", new PlayMessageExecutor(),
        _ => NodeHelpers.NextOnly,
        references: d => NodeHelpers.PromptReferences(d.Prompt, "prompt"));

    public async Task<NodeResult> ExecuteAsync(NodeContext context, PlayMessageData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        await NodeHelpers.PlayAsync(context, data.Prompt, string.Empty, cancellationToken).ConfigureAwait(false);
        return NodeResult.Next("next");
    }
}
