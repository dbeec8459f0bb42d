using System.Globalization;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Telephony.Validation;

namespace BotPbx.Api.Features.Agents.PbxIntegration;

/// <summary>
/// Agents whose transfer targets dial an extension, queue or ring group by number: deleting or renumbering that object
/// would leave the agent's transfer ringing nothing, so the PBX answers 409 naming the agent.
/// </summary>
public sealed class AgentNumberUsers(AgentStore store) : IPbxNumberUsers
{
    public async Task<IReadOnlyList<string>> FindAsync(PbxObjectKind kind, string number, CancellationToken cancellationToken)
    {
        var targetKind = kind switch
        {
            PbxObjectKind.Extension => "extension",
            PbxObjectKind.Queue => "queue",
            PbxObjectKind.RingGroup => "ringGroup",
            _ => null,
        };
        if (targetKind is null) return [];
        var agents = await store.TransferringToAsync(targetKind, number, cancellationToken);
        return [.. agents.Select(a => string.Create(CultureInfo.InvariantCulture, $"AI agent {a.Id} ({a.Name})"))];
    }
}
