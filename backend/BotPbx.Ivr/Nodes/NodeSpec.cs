using System.Text.Json;
using BotPbx.Ivr.Flow;
using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

/// <summary>
/// Everything the validator and the interpreter know about one node type. The field rules (required, enums, nested
/// types, unknown settings rejected) are the shared JSON schema's <c>$defs/&lt;type&gt;Data</c>; the spec adds what a
/// schema cannot say: the output handles, whether the node waits for the caller, the PBX objects it references,
/// cross-field checks, and the executor.
/// </summary>
public abstract class NodeSpec
{
    protected NodeSpec(string type, bool waitsForCaller)
    {
        Type = type;
        WaitsForCaller = waitsForCaller;
    }

    public string Type { get; }

    /// <summary>True when the node waits for the caller (digits, recording); a cycle without such a node is an error.</summary>
    public bool WaitsForCaller { get; }

    /// <summary>Parses data that passed the schema into the node's typed record.</summary>
    public abstract object Parse(JsonElement data);

    public abstract IReadOnlyList<string> OutputHandles(object data);

    public abstract IEnumerable<IvrReference> References(object data);

    /// <summary>Checks a schema cannot express; each is (field path inside data, message).</summary>
    public abstract IEnumerable<(string Field, string Message)> Check(object data);

    public abstract Task<NodeResult> ExecuteAsync(NodeContext context, object data, CancellationToken cancellationToken);
}

/// <summary>A node spec over its typed data record <typeparamref name="TData"/>.</summary>
public sealed class NodeSpec<TData> : NodeSpec where TData : class
{
    private readonly INodeExecutor<TData> _executor;
    private readonly Func<TData, IReadOnlyList<string>> _handles;
    private readonly Func<TData, IEnumerable<IvrReference>> _references;
    private readonly Func<TData, IEnumerable<(string, string)>> _check;

    public NodeSpec(
        string type,
        INodeExecutor<TData> executor,
        Func<TData, IReadOnlyList<string>> handles,
        bool waitsForCaller = false,
        Func<TData, IEnumerable<IvrReference>>? references = null,
        Func<TData, IEnumerable<(string, string)>>? check = null)
        : base(type, waitsForCaller)
    {
        _executor = executor;
        _handles = handles;
        _references = references ?? (_ => []);
        _check = check ?? (_ => []);
    }

    public override object Parse(JsonElement data) =>
        data.Deserialize<TData>(FlowJson.Options) ?? throw new JsonException($"The data of a {Type} node is null.");

    public override IReadOnlyList<string> OutputHandles(object data) => _handles((TData)data);

    public override IEnumerable<IvrReference> References(object data) => _references((TData)data);

    public override IEnumerable<(string Field, string Message)> Check(object data) => _check((TData)data);

    public override Task<NodeResult> ExecuteAsync(NodeContext context, object data, CancellationToken cancellationToken) =>
        _executor.ExecuteAsync(context, (TData)data, cancellationToken);
}
