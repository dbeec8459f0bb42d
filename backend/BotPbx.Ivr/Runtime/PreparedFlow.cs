using BotPbx.Ivr.Flow;
using BotPbx.Ivr.Nodes;
using BotPbx.Ivr.Schema;
using BotPbx.Ivr.Validation;
using BotPbx.Ivr.Versions;

namespace BotPbx.Ivr.Runtime;

/// <summary>
/// A snapshot ready to run: checked against the schema again (a stored flow is trusted no more than a submitted one),
/// every node's data parsed once, edges indexed by (source, handle).
/// </summary>
public sealed class PreparedFlow
{
    private readonly Dictionary<string, (FlowNode Node, NodeSpec Spec, object Data)> _nodes;
    private readonly FlowGraph _graph;

    private PreparedFlow(IvrFlowSnapshot snapshot, Dictionary<string, (FlowNode, NodeSpec, object)> nodes, FlowGraph graph, string startId)
    {
        Snapshot = snapshot;
        _nodes = nodes;
        _graph = graph;
        StartId = startId;
    }

    public IvrFlowSnapshot Snapshot { get; }

    public string StartId { get; }

    public static PreparedFlow Load(IvrFlowSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var errors = FlowSchema.Evaluator.Evaluate(FlowJson.ToElement(snapshot.Flow));
        if (errors.Count > 0)
        {
            throw new InvalidFlowException($"IVR {snapshot.IvrId} v{snapshot.Version} breaks the schema: {errors[0].Path} {errors[0].Message}");
        }
        var nodes = new Dictionary<string, (FlowNode, NodeSpec, object)>(StringComparer.Ordinal);
        foreach (var node in snapshot.Flow.Nodes)
        {
            var spec = NodeRegistry.Get(node.Type);
            nodes[node.Id] = (node, spec, spec.Parse(node.Data));
        }
        var handles = nodes.ToDictionary(n => n.Key, n => n.Value.Item2.OutputHandles(n.Value.Item3), StringComparer.Ordinal);
        var start = snapshot.Flow.Nodes.FirstOrDefault(n => n.Type == "start")
            ?? throw new InvalidFlowException($"IVR {snapshot.IvrId} v{snapshot.Version} has no start node.");
        return new PreparedFlow(snapshot, nodes, new FlowGraph(snapshot.Flow, handles), start.Id);
    }

    public (FlowNode Node, NodeSpec Spec, object Data) Node(string id) => _nodes[id];

    public string? Target(string source, string handle) => _graph.Target(source, handle);
}

/// <summary>A stored flow cannot be run (it breaks the schema or has no start).</summary>
public sealed class InvalidFlowException : Exception
{
    public InvalidFlowException() { }

    public InvalidFlowException(string message) : base(message) { }

    public InvalidFlowException(string message, Exception innerException) : base(message, innerException) { }
}
