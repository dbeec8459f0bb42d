using System.Text.Json;

namespace BotPbx.Ivr.Flow;

/// <summary>The saved graph: <c>{ schemaVersion, nodes, edges }</c>. Data only; see docs/ivr/flow-format.md.</summary>
public sealed record IvrFlow(int SchemaVersion, IReadOnlyList<FlowNode> Nodes, IReadOnlyList<FlowEdge> Edges)
{
    public const int CurrentSchemaVersion = 1;
}

/// <summary>A node. <see cref="Data"/> is kept as JSON; the node type's spec parses it into its typed record.</summary>
public sealed record FlowNode(string Id, string Type, FlowPosition Position, JsonElement Data);

public sealed record FlowPosition(double X, double Y);

/// <summary>A connection from one output handle of <see cref="Source"/> (e.g. <c>digit-1</c>, <c>timeout</c>) to <see cref="Target"/>.</summary>
public sealed record FlowEdge(string Id, string Source, string SourceHandle, string Target);
