namespace BotPbx.Voice.Agents;

/// <summary>Finds the agent a call is for. Implemented over PostgreSQL by the API's Agents feature.</summary>
public interface IAgentCatalog
{
    /// <summary>
    /// The agent by id (or by name, for the AI_AGENT channel variable of seed 002), with <paramref name="context"/>'s
    /// greeting and prompt applied when it names one of the agent's contexts; null when there is no such agent.
    /// </summary>
    Task<AgentDefinition?> FindAsync(string idOrName, string? context, CancellationToken cancellationToken);
}
