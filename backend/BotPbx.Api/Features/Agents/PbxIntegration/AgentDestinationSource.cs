using System.Globalization;
using BotPbx.Api.Features.Telephony.Common;

namespace BotPbx.Api.Features.Agents.PbxIntegration;

/// <summary>
/// Agents as PBX destinations (type "aiAgent"): inbound routes, time conditions and queue or ring-group fall-through
/// may send calls to them. The renderer gives each id an extension of botpbx-ai-agent (AiAgentDialplan), which hands
/// the call to the pipeline through Stasis; an agent's internal number becomes an extension of botpbx-internal.
/// </summary>
public sealed class AgentDestinationSource(AgentStore store) : IExternalDestinationSource
{
    public string Type => "aiAgent";

    public async Task<IReadOnlyList<ExternalDestination>> ListAsync(CancellationToken cancellationToken)
    {
        var agents = await store.NamesAsync(cancellationToken);
        return [.. agents.Select(a => new ExternalDestination(a.Id.ToString(CultureInfo.InvariantCulture), $"AI agent {a.Name}", a.Number))];
    }
}
