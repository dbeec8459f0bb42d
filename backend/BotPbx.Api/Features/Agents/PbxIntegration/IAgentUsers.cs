namespace BotPbx.Api.Features.Agents.PbxIntegration;

/// <summary>
/// Implemented by features that send calls to an agent by its id outside the PBX configuration (live IVR flows,
/// campaigns). Deleting an agent asks every one and answers 409 naming what they return. PBX objects (inbound routes,
/// queues, time conditions) are found by PbxReferrers instead. Register with
/// <c>services.AddSingleton&lt;IAgentUsers, …&gt;()</c>.
/// </summary>
public interface IAgentUsers
{
    /// <summary>Labels of what sends calls to agent <paramref name="agentId"/>, e.g. "IVR 4 (Main menu)".</summary>
    Task<IReadOnlyList<string>> FindAsync(long agentId, CancellationToken cancellationToken);
}
