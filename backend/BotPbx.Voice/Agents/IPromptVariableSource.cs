namespace BotPbx.Voice.Agents;

/// <summary>
/// Extra variables for an agent's prompt, looked up from the call's channel variables (the dialer implements it for
/// BOTPBX_CAMPAIGN_CONTACT: a campaign contact's CSV columns). Every registered source is asked; later ones win.
/// </summary>
public interface IPromptVariableSource
{
    Task<IReadOnlyDictionary<string, string>> GetAsync(IReadOnlyDictionary<string, string> channelVariables, CancellationToken cancellationToken);
}
