using BotPbx.Ivr.Flow;
using BotPbx.Ivr.Nodes;

namespace BotPbx.Ivr.Validation;

/// <summary>A flow's edges indexed by source and handle, with each node's declared output handles.</summary>
public sealed class FlowGraph
{
    private readonly Dictionary<(string Source, string Handle), FlowEdge> _edges = [];

    public FlowGraph(IvrFlow flow, IReadOnlyDictionary<string, IReadOnlyList<string>> handles)
    {
        ArgumentNullException.ThrowIfNull(flow);
        Handles = handles;
        foreach (var edge in flow.Edges) _edges.TryAdd((edge.Source, edge.SourceHandle), edge);
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Handles { get; }

    /// <summary>The node reached from <paramref name="source"/> through <paramref name="handle"/>, or null.</summary>
    public string? Target(string source, string handle) => _edges.TryGetValue((source, handle), out var edge) ? edge.Target : null;

    public IEnumerable<string> Successors(string source) =>
        Handles.TryGetValue(source, out var handles) ? handles.Select(h => Target(source, h)).OfType<string>() : [];
}

/// <summary>The graph rules: one start, edges that fit their nodes, reachability, and no cycle that never waits.</summary>
internal static class GraphRules
{
    public static IEnumerable<FlowIssue> Check(IvrFlow flow, FlowGraph graph, IReadOnlyDictionary<string, NodeSpec> specs)
    {
        var issues = new List<FlowIssue>();
        var starts = flow.Nodes.Where(n => n.Type == "start").ToList();
        if (starts.Count == 0) issues.Add(new FlowIssue(FlowIssueSeverity.Error, "no_start", "the flow needs a start node"));
        foreach (var extra in starts.Skip(1)) issues.Add(new FlowIssue(FlowIssueSeverity.Error, "multiple_starts", "a flow has exactly one start node", extra.Id));

        CheckEdges(flow, graph, issues);
        if (starts.Count >= 1) CheckReachability(flow, graph, starts[0].Id, issues);
        CheckSilentCycles(flow, graph, specs, issues);
        foreach (var node in flow.Nodes)
        {
            if (graph.Handles.TryGetValue(node.Id, out var handles) && handles.Count > 0 && !graph.Successors(node.Id).Any())
            {
                issues.Add(new FlowIssue(FlowIssueSeverity.Warning, "dead_end", "nothing is connected after this node: the call hangs up here", node.Id));
            }
        }
        return issues;
    }

    private static void CheckEdges(IvrFlow flow, FlowGraph graph, List<FlowIssue> issues)
    {
        var edgeIds = new HashSet<string>(StringComparer.Ordinal);
        var used = new HashSet<(string, string)>();
        var startIds = flow.Nodes.Where(n => n.Type == "start").Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var edge in flow.Edges)
        {
            if (!edgeIds.Add(edge.Id)) issues.Add(Error(edge, "duplicate_id", $"edge id {edge.Id} is used twice"));
            if (!graph.Handles.TryGetValue(edge.Source, out var handles))
            {
                issues.Add(Error(edge, "unknown_source", $"source node {edge.Source} does not exist", "source"));
            }
            else if (!handles.Contains(edge.SourceHandle))
            {
                issues.Add(Error(edge, "unknown_handle", $"node {edge.Source} has no output '{edge.SourceHandle}'", "sourceHandle"));
            }
            if (!graph.Handles.ContainsKey(edge.Target)) issues.Add(Error(edge, "unknown_target", $"target node {edge.Target} does not exist", "target"));
            else if (startIds.Contains(edge.Target)) issues.Add(Error(edge, "into_start", "nothing may lead back into the start node", "target"));
            if (!used.Add((edge.Source, edge.SourceHandle)))
            {
                issues.Add(Error(edge, "handle_used_twice", $"output '{edge.SourceHandle}' of {edge.Source} is already connected", "sourceHandle"));
            }
        }
    }

    private static void CheckReachability(IvrFlow flow, FlowGraph graph, string start, List<FlowIssue> issues)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            foreach (var next in graph.Successors(queue.Dequeue()))
            {
                if (seen.Add(next)) queue.Enqueue(next);
            }
        }
        foreach (var node in flow.Nodes.Where(n => !seen.Contains(n.Id)))
        {
            issues.Add(new FlowIssue(FlowIssueSeverity.Warning, "unreachable", "no path from the start reaches this node", node.Id));
        }
    }

    /// <summary>
    /// A cycle made only of nodes that never wait for the caller would spin until the loop guard stops it: find the
    /// strongly connected components of the graph restricted to such nodes (Tarjan) and report each node in a cycle.
    /// </summary>
    private static void CheckSilentCycles(IvrFlow flow, FlowGraph graph, IReadOnlyDictionary<string, NodeSpec> specs, List<FlowIssue> issues)
    {
        var silent = flow.Nodes.Where(n => specs.TryGetValue(n.Id, out var s) && !s.WaitsForCaller).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var counter = 0;
        var reported = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string node)
        {
            index[node] = low[node] = counter++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in graph.Successors(node).Where(silent.Contains))
            {
                if (!index.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], nextIndex);
                }
            }
            if (low[node] != index[node]) return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);
            var selfLoop = component.Count == 1 && graph.Successors(node).Contains(node);
            if (component.Count > 1 || selfLoop)
            {
                foreach (var id in component.Where(reported.Add))
                {
                    issues.Add(new FlowIssue(FlowIssueSeverity.Error, "silent_cycle",
                        $"this node is in a loop ({string.Join(" → ", component.AsEnumerable().Reverse())}) that never waits for the caller", id));
                }
            }
        }

        foreach (var node in silent.Where(n => !index.ContainsKey(n))) Visit(node);
    }

    private static FlowIssue Error(FlowEdge edge, string code, string message, string? field = null) =>
        new(FlowIssueSeverity.Error, code, message, EdgeId: edge.Id, Field: field);
}
