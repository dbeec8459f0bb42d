namespace BotPbx.Ivr.Validation;

public enum FlowIssueSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One finding about a flow, addressed to a node (and a field inside it, e.g. <c>data.prompt.text</c>), an edge, or
/// the flow as a whole. <see cref="Key"/> is the problem-details <c>errors</c> key: <c>nodes.menu1.data.timeoutSeconds</c>,
/// <c>edges.e4</c>, or <c>flow</c>.
/// </summary>
public sealed record FlowIssue(FlowIssueSeverity Severity, string Code, string Message, string? NodeId = null, string? EdgeId = null, string? Field = null)
{
    public string Key
    {
        get
        {
            var owner = NodeId is not null ? $"nodes.{NodeId}" : EdgeId is not null ? $"edges.{EdgeId}" : "flow";
            return string.IsNullOrEmpty(Field) ? owner : $"{owner}.{Field}";
        }
    }
}

/// <summary>Everything the validator found. A flow with errors can be saved as a draft but not published.</summary>
public sealed record FlowValidationResult(IReadOnlyList<FlowIssue> Issues)
{
    public bool IsValid => Issues.All(i => i.Severity != FlowIssueSeverity.Error);

    public IEnumerable<FlowIssue> Errors => Issues.Where(i => i.Severity == FlowIssueSeverity.Error);

    public IEnumerable<FlowIssue> Warnings => Issues.Where(i => i.Severity == FlowIssueSeverity.Warning);

    /// <summary>The errors grouped by key, the shape of RFC 7807 <c>errors</c> in this API.</summary>
    public IDictionary<string, string[]> ErrorDictionary() =>
        Errors.GroupBy(i => i.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(i => i.Message).ToArray(), StringComparer.Ordinal);
}
