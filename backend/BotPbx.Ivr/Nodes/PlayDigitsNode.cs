using System.Globalization;
using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

public sealed record PlayDigitsData(string Value, string Format, string? Label = null);

/// <summary>
/// Reads a value back: "digits" says each digit (SAY DIGITS), "number" says it as a number (SAY NUMBER). Characters
/// Asterisk cannot say are dropped; an empty or non-numeric value says nothing and is noted in the trace.
/// </summary>
public sealed class PlayDigitsExecutor : INodeExecutor<PlayDigitsData>
{
    public static readonly NodeSpec Spec = new NodeSpec<PlayDigitsData>("playDigits", new PlayDigitsExecutor(), _ => NodeHelpers.NextOnly);

    public async Task<NodeResult> ExecuteAsync(NodeContext context, PlayDigitsData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var value = context.Render(data.Value).Trim();
        if (data.Format == "number")
        {
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                await context.Channel.SayNumberAsync(number, cancellationToken).ConfigureAwait(false);
                return NodeResult.Next("next", $"number {number}");
            }
            context.Step.Error = $"'{value}' is not a number";
            return NodeResult.Next("next", "nothing to say");
        }
        var digits = new string([.. value.Where(c => char.IsAsciiDigit(c) || c is '*' or '#')]);
        if (digits.Length == 0)
        {
            context.Step.Error = "no digits to say";
            return NodeResult.Next("next", "nothing to say");
        }
        await context.Channel.SayDigitsAsync(digits, cancellationToken).ConfigureAwait(false);
        return NodeResult.Next("next", $"digits {digits}");
    }
}
