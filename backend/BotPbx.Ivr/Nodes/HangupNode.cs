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
        // Not cancellable by the hang-up token: our own HANGUP makes Asterisk send its HANGUP line at once (fixture
        // fastagi-local-hangup-command), which must not turn this clean end into "the caller hung up".
        await context.Channel.HangupAsync(CancellationToken.None).ConfigureAwait(false);
        return NodeResult.HungUp("hung up");
    }
}
