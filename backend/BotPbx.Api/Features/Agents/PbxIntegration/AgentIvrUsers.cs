using System.Globalization;
using BotPbx.Data;
using Dapper;

namespace BotPbx.Api.Features.Agents.PbxIntegration;

/// <summary>
/// IVRs whose live version hands calls to the agent: an aiAgent node, or a transfer node to kind aiAgent. Only
/// published versions count, as for IvrNumberUsers: a draft is validated again when it is published (the agent's
/// IIvrReferenceSource), while a live flow would send callers to a missing agent.
/// </summary>
public sealed class AgentIvrUsers(IDbConnectionFactory database) : IAgentUsers
{
    public async Task<IReadOnlyList<string>> FindAsync(long agentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
            """
            SELECT i.id, i.name FROM ivrs i
            JOIN ivr_versions v ON v.ivr_id = i.id AND v.version = i.published_version
            WHERE EXISTS (
                SELECT 1 FROM jsonb_array_elements(coalesce(v.flow->'nodes', '[]')) n
                WHERE (n->>'type' = 'aiAgent' AND n->'data'->>'agentId' = @agent)
                   OR (n->>'type' = 'transfer' AND n->'data'->'destination'->>'kind' = 'aiAgent'
                       AND n->'data'->'destination'->>'target' = @agent))
            ORDER BY lower(i.name), i.id
            """, new { agent = agentId.ToString(CultureInfo.InvariantCulture) }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"IVR {r.Id} ({r.Name})"))];
    }
}
