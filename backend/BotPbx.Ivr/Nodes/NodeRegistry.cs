namespace BotPbx.Ivr.Nodes;

/// <summary>
/// Every node type, one entry each. The validator, the interpreter and the simulator look types up here; the shared
/// JSON schema must list exactly the same types (a test checks both directions).
/// </summary>
public static class NodeRegistry
{
    private static readonly Dictionary<string, NodeSpec> Specs = new NodeSpec[]
    {
        StartExecutor.Spec,
        PlayMessageExecutor.Spec,
        DtmfInputExecutor.Spec,
        MenuExecutor.Spec,
        TransferExecutor.Spec,
        VoicemailExecutor.Spec,
        SetVariableExecutor.Spec,
        BranchExecutor.Spec,
        HttpRequestExecutor.Spec,
        PlayDigitsExecutor.Spec,
        TimeConditionExecutor.Spec,
        AiAgentExecutor.Spec,
        RecordMessageExecutor.Spec,
        GoToIvrExecutor.Spec,
        HangupExecutor.Spec,
    }.ToDictionary(s => s.Type, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Types => Specs.Keys;

    public static bool TryGet(string type, out NodeSpec spec) => Specs.TryGetValue(type, out spec!);

    /// <summary>The spec of <paramref name="type"/>; an unknown type is a programming or data error and fails loudly.</summary>
    public static NodeSpec Get(string type) =>
        Specs.TryGetValue(type, out var spec) ? spec : throw new UnknownNodeTypeException(type);
}

public sealed class UnknownNodeTypeException : Exception
{
    public UnknownNodeTypeException() { }

    public UnknownNodeTypeException(string type) : base($"Unknown IVR node type '{type}'.") => Type = type;

    public UnknownNodeTypeException(string message, Exception innerException) : base(message, innerException) { }

    public string? Type { get; }
}
