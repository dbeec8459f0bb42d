using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

public sealed record HangupData(string? Label = null);

/// <summary>Ends the call.</summary>
public sealed class HangupExecutor : INodeExecutor<HangupData>
{
    public static readonly NodeSpec Spec = new NodeSpec<HangupData>("hangup", new HangupExecutor(), _ => NodeHelpers.NoHandles);

    public async Task<NodeResult> ExecuteAsync(NodeContext context, HangupData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Channel.HangupAsync(cancellationToken).ConfigureAwait(false);
        return NodeResult.HungUp("hung up");
    }
}
