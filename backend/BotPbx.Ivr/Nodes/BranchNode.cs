using System.Globalization;
using System.Text.RegularExpressions;
using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

public sealed record BranchRule(string Id, string Variable, string Operator, string Value, bool? IgnoreCase = null);

public sealed record BranchData(IReadOnlyList<BranchRule> Rules, string? Label = null);

/// <summary>
/// Tests rules in order against call variables (CALLERID is the caller ID) and follows the first match's
/// <c>rule-&lt;id&gt;</c> handle, or <c>else</c>. Regular expressions run with a match timeout, so a pathological pattern
/// cannot stall a call; a timeout counts as no match and is noted in the trace.
/// </summary>
public sealed class BranchExecutor : INodeExecutor<BranchData>
{
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    public static readonly NodeSpec Spec = new NodeSpec<BranchData>("branch", new BranchExecutor(),
        d => [.. d.Rules.Select(r => "rule-" + r.Id), "else"],
        check: Check);

    public Task<NodeResult> ExecuteAsync(NodeContext context, BranchData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        foreach (var rule in data.Rules)
        {
            var left = context.Variables.Get(rule.Variable);
            var right = context.Render(rule.Value);
            try
            {
                if (Matches(rule, left, right)) return Task.FromResult(NodeResult.Next("rule-" + rule.Id, $"{rule.Variable} {rule.Operator} {right}"));
            }
            catch (RegexMatchTimeoutException)
            {
                context.Step.Error = $"rule {rule.Id}: the regular expression timed out; treated as no match";
            }
        }
        return Task.FromResult(NodeResult.Next("else", "no rule matched"));
    }

    internal static bool Matches(BranchRule rule, string left, string right)
    {
        var comparison = rule.IgnoreCase == true ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return rule.Operator switch
        {
            "equals" => string.Equals(left, right, comparison),
            "notEquals" => !string.Equals(left, right, comparison),
            "contains" => left.Contains(right, comparison),
            "startsWith" => left.StartsWith(right, comparison),
            "isEmpty" => left.Length == 0,
            "regex" => Regex.IsMatch(left, right, RegexOptions.CultureInvariant | (rule.IgnoreCase == true ? RegexOptions.IgnoreCase : 0), RegexTimeout),
            "lt" or "lte" or "gt" or "gte" => Compare(rule.Operator, left, right),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Operator, "The schema allows no other operator."),
        };
    }

    /// <summary>Numeric comparison; when either side is not a number the rule does not match.</summary>
    private static bool Compare(string op, string left, string right)
    {
        if (!decimal.TryParse(left, NumberStyles.Number, CultureInfo.InvariantCulture, out var l) ||
            !decimal.TryParse(right, NumberStyles.Number, CultureInfo.InvariantCulture, out var r))
        {
            return false;
        }
        return op switch { "lt" => l < r, "lte" => l <= r, "gt" => l > r, _ => l >= r };
    }

    private static IEnumerable<(string, string)> Check(BranchData data)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < data.Rules.Count; i++)
        {
            var rule = data.Rules[i];
            if (!ids.Add(rule.Id)) yield return ($"rules[{i}].id", $"rule id {rule.Id} is used twice");
            if (rule.Operator == "regex" && !rule.Value.Contains("${", StringComparison.Ordinal) && !IsValidRegex(rule.Value))
            {
                yield return ($"rules[{i}].value", "is not a valid regular expression");
            }
            if (rule.Operator is "lt" or "lte" or "gt" or "gte" && !rule.Value.Contains("${", StringComparison.Ordinal) &&
                !decimal.TryParse(rule.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            {
                yield return ($"rules[{i}].value", "must be a number for a numeric comparison");
            }
        }
    }

    private static bool IsValidRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, RegexTimeout);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
