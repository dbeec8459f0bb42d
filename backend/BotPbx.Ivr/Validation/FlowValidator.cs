using System.Text.Json;
using BotPbx.Ivr.Flow;
using BotPbx.Ivr.Nodes;
using BotPbx.Ivr.Schema;

namespace BotPbx.Ivr.Validation;

/// <summary>
/// Checks a flow document in layers: the shared JSON schema (fields), the node specs (cross-field rules), the graph
/// (one start, edges that fit, reachability, cycles that never wait for the caller) and the PBX references. Schema errors
/// stop the later layers, since the graph of a malformed document cannot be trusted.
/// </summary>
public sealed class FlowValidator(IIvrReferenceChecker references)
{
    public async Task<FlowValidationResult> ValidateAsync(JsonElement document, CancellationToken cancellationToken)
    {
        var issues = SchemaIssues(document);
        if (issues.Count > 0) return new FlowValidationResult(issues);

        var flow = FlowJson.ToFlow(document);
        var parsed = new Dictionary<string, (FlowNode Node, NodeSpec Spec, object Data)>(StringComparer.Ordinal);
        foreach (var node in flow.Nodes)
        {
            if (parsed.ContainsKey(node.Id))
            {
                issues.Add(new FlowIssue(FlowIssueSeverity.Error, "duplicate_id", $"node id {node.Id} is used twice", node.Id));
                continue;
            }
            var spec = NodeRegistry.Get(node.Type);
            var data = spec.Parse(node.Data);
            parsed[node.Id] = (node, spec, data);
            issues.AddRange(spec.Check(data).Select(c => new FlowIssue(FlowIssueSeverity.Error, "invalid_setting", c.Message, node.Id, Field: "data." + c.Field)));
        }
        var graph = new FlowGraph(flow, parsed.ToDictionary(p => p.Key, p => p.Value.Spec.OutputHandles(p.Value.Data), StringComparer.Ordinal));
        issues.AddRange(GraphRules.Check(flow, graph, parsed.ToDictionary(p => p.Key, p => p.Value.Spec, StringComparer.Ordinal)));
        issues.AddRange(await ReferenceIssuesAsync(parsed.Values.Select(p => (p.Node, p.Spec, p.Data)), cancellationToken).ConfigureAwait(false));
        return new FlowValidationResult(issues);
    }

    /// <summary>Schema errors, addressed by node and edge id rather than by array index, as the builder shows them.</summary>
    private static List<FlowIssue> SchemaIssues(JsonElement document)
    {
        var issues = new List<FlowIssue>();
        foreach (var error in FlowSchema.Evaluator.Evaluate(document))
        {
            var segments = error.Segments;
            if (segments.Count >= 2 && segments[0] is "nodes" or "edges" && segments[1] is int index)
            {
                var collection = (string)segments[0];
                var id = IdAt(document, collection, index) ?? $"#{index}";
                var field = SchemaError.FormatPath(segments.Skip(2));
                var message = Phrase(segments, error.Message);
                issues.Add(collection == "nodes"
                    ? new FlowIssue(FlowIssueSeverity.Error, "schema", message, NodeId: id, Field: field)
                    : new FlowIssue(FlowIssueSeverity.Error, "schema", message, EdgeId: id, Field: field));
            }
            else
            {
                issues.Add(new FlowIssue(FlowIssueSeverity.Error, "schema", Phrase(segments, error.Message), Field: error.Path));
            }
        }
        return issues;
    }

    /// <summary>"variable is required": the message names the setting it is about (its last name in the path).</summary>
    private static string Phrase(IReadOnlyList<object> segments, string message) =>
        segments.Count > 0 && segments[^1] is string name ? $"{name} {message}" : message;

    private static string? IdAt(JsonElement document, string collection, int index)
    {
        var items = document.GetProperty(collection);
        return items[index].ValueKind == JsonValueKind.Object && items[index].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
    }

    private async Task<IEnumerable<FlowIssue>> ReferenceIssuesAsync(IEnumerable<(FlowNode Node, NodeSpec Spec, object Data)> nodes,
        CancellationToken cancellationToken)
    {
        var byReference = nodes
            .SelectMany(n => n.Spec.References(n.Data).Select(r => (n.Node.Id, Reference: r)))
            .ToList();
        if (byReference.Count == 0) return [];
        var missing = await references.FindMissingAsync([.. byReference.Select(r => r.Reference).Distinct()], cancellationToken).ConfigureAwait(false);
        var missingSet = missing.ToHashSet();
        return byReference
            .Where(r => missingSet.Contains(r.Reference))
            .Select(r => new FlowIssue(FlowIssueSeverity.Error, "missing_reference", MissingText(r.Reference), r.Id, Field: "data." + r.Reference.Field));
    }

    private static string MissingText(IvrReference reference) => reference.Kind switch
    {
        IvrReferenceKind.Extension => $"extension {reference.Id} does not exist",
        IvrReferenceKind.ExternalNumber => $"no outbound route open to every caller dials {reference.Id}",
        IvrReferenceKind.Queue => $"queue {reference.Id} does not exist",
        IvrReferenceKind.RingGroup => $"ring group {reference.Id} does not exist",
        IvrReferenceKind.AiAgent => $"AI agent {reference.Id} does not exist",
        IvrReferenceKind.Recording => $"recording {reference.Id} does not exist",
        IvrReferenceKind.Ivr => $"IVR {reference.Id} does not exist",
        IvrReferenceKind.Mailbox when reference.Id == VoicemailExecutor.General =>
            "the general mailbox is not set up: Ivr:GeneralMailbox must name an extension whose voicemail is on",
        IvrReferenceKind.Mailbox => $"mailbox {reference.Id} does not exist (no extension with this number has voicemail on)",
        IvrReferenceKind.TtsEngine => $"TTS engine {reference.Id} is not configured",
        _ => $"{reference.Kind} {reference.Id} does not exist",
    };
}
