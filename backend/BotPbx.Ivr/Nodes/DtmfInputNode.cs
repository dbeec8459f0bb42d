using BotPbx.Ivr.Prompts;
using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

public sealed record DtmfInputData(string Variable, int MaxDigits, int TimeoutSeconds, IvrPrompt? Prompt = null, string? Terminator = null,
    string? Label = null);

/// <summary>
/// Collects digits into a variable. The prompt is interruptible (the first digit counts). No digit at all follows
/// <c>timeout</c> when it is connected, otherwise <c>next</c> with the variable empty.
/// </summary>
public sealed class DtmfInputExecutor : INodeExecutor<DtmfInputData>
{
    public static readonly NodeSpec Spec = new NodeSpec<DtmfInputData>("dtmfInput", new DtmfInputExecutor(),
        _ => ["next", "timeout"],
        waitsForCaller: true,
        references: d => NodeHelpers.PromptReferences(d.Prompt, "prompt"));

    public async Task<NodeResult> ExecuteAsync(NodeContext context, DtmfInputData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var file = data.Prompt is null ? null : await context.PromptFileAsync(data.Prompt, cancellationToken).ConfigureAwait(false);
        char? terminator = string.IsNullOrEmpty(data.Terminator) ? null : data.Terminator[0];
        var input = await context.Channel.GetDigitsAsync(file, TimeSpan.FromSeconds(data.TimeoutSeconds), data.MaxDigits, terminator, cancellationToken)
            .ConfigureAwait(false);
        context.Step.Digits = input.Digits;
        context.Variables.Set(data.Variable, input.Digits);
        if (input.Digits.Length == 0 && context.HasEdge("timeout")) return NodeResult.Next("timeout", "no digits");
        return NodeResult.Next("next", $"{data.Variable}={input.Digits}");
    }
}
