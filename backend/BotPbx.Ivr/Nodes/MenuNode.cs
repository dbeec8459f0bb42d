using BotPbx.Ivr.Prompts;
using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

public sealed record MenuOption(string Digit, string? Label = null);

public sealed record MenuData(IvrPrompt Prompt, IReadOnlyList<MenuOption> Options, int? TimeoutSeconds = null, int? Retries = null,
    IvrPrompt? InvalidPrompt = null, IvrPrompt? TimeoutPrompt = null, string? Label = null);

/// <summary>
/// Plays the prompt (interruptible) and waits for one digit. A configured option follows <c>digit-N</c>. A wrong digit
/// follows <c>invalid</c> and silence follows <c>timeout</c> when those are connected; otherwise the menu plays the
/// invalid/timeout prompt and asks again, up to <c>retries</c> more times, then follows <c>maxRetries</c>.
/// </summary>
public sealed class MenuExecutor : INodeExecutor<MenuData>
{
    public static readonly NodeSpec Spec = new NodeSpec<MenuData>("menu", new MenuExecutor(),
        d => [.. d.Options.Select(o => "digit-" + o.Digit), "invalid", "timeout", "maxRetries"],
        waitsForCaller: true,
        references: d => NodeHelpers.PromptReferences(d.Prompt, "prompt")
            .Concat(NodeHelpers.PromptReferences(d.InvalidPrompt, "invalidPrompt"))
            .Concat(NodeHelpers.PromptReferences(d.TimeoutPrompt, "timeoutPrompt")),
        check: Check);

    public async Task<NodeResult> ExecuteAsync(NodeContext context, MenuData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var timeout = TimeSpan.FromSeconds(data.TimeoutSeconds ?? context.Runtime.Options.DefaultMenuTimeoutSeconds);
        var attempts = (data.Retries ?? context.Runtime.Options.DefaultMenuRetries) + 1;
        var pressed = new System.Text.StringBuilder();
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var digit = await NodeHelpers.PlayAsync(context, data.Prompt, DigitCollector.AllDigits, cancellationToken).ConfigureAwait(false)
                ?? await context.Channel.WaitForDigitAsync(timeout, cancellationToken).ConfigureAwait(false);
            var last = attempt == attempts;
            if (digit is null)
            {
                if (context.HasEdge("timeout")) return Done(context, pressed, NodeResult.Next("timeout", $"no digit (attempt {attempt})"));
                if (!last && data.TimeoutPrompt is not null) await NodeHelpers.PlayAsync(context, data.TimeoutPrompt, string.Empty, cancellationToken).ConfigureAwait(false);
                continue;
            }
            pressed.Append(digit.Value);
            var key = digit.Value.ToString();
            if (data.Options.Any(o => o.Digit == key)) return Done(context, pressed, NodeResult.Next("digit-" + key, $"pressed {key}"));
            if (context.HasEdge("invalid")) return Done(context, pressed, NodeResult.Next("invalid", $"invalid {key} (attempt {attempt})"));
            if (!last && data.InvalidPrompt is not null) await NodeHelpers.PlayAsync(context, data.InvalidPrompt, string.Empty, cancellationToken).ConfigureAwait(false);
        }
        return Done(context, pressed, NodeResult.Next("maxRetries", $"{attempts} attempt(s) without a valid choice"));
    }

    private static NodeResult Done(NodeContext context, System.Text.StringBuilder pressed, NodeResult result)
    {
        context.Step.Digits = pressed.ToString();
        return result;
    }

    private static IEnumerable<(string, string)> Check(MenuData data)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < data.Options.Count; i++)
        {
            if (!seen.Add(data.Options[i].Digit)) yield return ($"options[{i}].digit", $"digit {data.Options[i].Digit} is used twice");
        }
    }
}
