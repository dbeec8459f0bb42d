using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

public sealed record StartData(string? Label = null, bool? Answer = null);

/// <summary>The entry point: answers the call (unless told not to, e.g. for early-media announcements) and goes on.</summary>
public sealed class StartExecutor : INodeExecutor<StartData>
{
    public static readonly NodeSpec Spec = new NodeSpec<StartData>("start", new StartExecutor(), _ => NodeHelpers.NextOnly);

    public async Task<NodeResult> ExecuteAsync(NodeContext context, StartData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Answer != false) await context.Channel.AnswerAsync(cancellationToken).ConfigureAwait(false);
        return NodeResult.Next("next", data.Answer == false ? "not answered" : "answered");
    }
}
