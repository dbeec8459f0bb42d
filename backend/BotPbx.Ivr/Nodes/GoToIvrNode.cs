using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

public sealed record GoToIvrData(string IvrId, string? Label = null);

/// <summary>
/// Continues the call in another IVR's published flow, keeping the call's variables and trace. The interpreter loads
/// that IVR (its version at the moment of the jump); the loop guard still counts every step.
/// </summary>
public sealed class GoToIvrExecutor : INodeExecutor<GoToIvrData>
{
    public static readonly NodeSpec Spec = new NodeSpec<GoToIvrData>("goToIvr", new GoToIvrExecutor(),
        _ => NodeHelpers.NoHandles,
        references: d => [new IvrReference(IvrReferenceKind.Ivr, d.IvrId, "ivrId")]);

    public Task<NodeResult> ExecuteAsync(NodeContext context, GoToIvrData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Task.FromResult(NodeResult.GoToIvr(data.IvrId));
    }
}
