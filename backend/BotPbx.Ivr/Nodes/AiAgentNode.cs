using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

public sealed record AiAgentData(string AgentId, string? Context = null, string? Label = null);

/// <summary>
/// Hands the call to an AI voice agent: BOTPBX_AI_AGENT and BOTPBX_AI_CONTEXT (the templated extra context, e.g. what
/// the caller chose) are set on the channel, then <c>Goto(ai-agent-context,agentId,1)</c>, where the dialplan starts
/// the agent's AudioSocket/Stasis leg.
/// </summary>
public sealed class AiAgentExecutor : INodeExecutor<AiAgentData>
{
    public static readonly NodeSpec Spec = new NodeSpec<AiAgentData>("aiAgent", new AiAgentExecutor(),
        _ => NodeHelpers.NoHandles,
        references: d => [new IvrReference(IvrReferenceKind.AiAgent, d.AgentId, "agentId")]);

    public async Task<NodeResult> ExecuteAsync(NodeContext context, AiAgentData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        await context.Channel.SetVariableAsync("BOTPBX_AI_AGENT", data.AgentId, cancellationToken).ConfigureAwait(false);
        await context.Channel.SetVariableAsync("BOTPBX_AI_CONTEXT", context.Render(data.Context), cancellationToken).ConfigureAwait(false);
        await NodeHelpers.GotoAsync(context, BotPbx.Telephony.Rendering.DialplanContexts.AiAgents, data.AgentId, cancellationToken).ConfigureAwait(false);
        return NodeResult.HandOff($"aiAgent {data.AgentId}");
    }
}
