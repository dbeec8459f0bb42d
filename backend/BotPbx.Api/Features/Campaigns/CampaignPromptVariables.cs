using System.Globalization;
using BotPbx.Voice.Agents;

namespace BotPbx.Api.Features.Campaigns;

/// <summary>
/// A campaign contact's columns for an AI agent's prompt: the dialer sets BOTPBX_CAMPAIGN_CONTACT=&lt;contact id&gt; on
/// the Originate, and this source turns it into {{first_name}}, {{appointment_date}}… (and {{phone}}), read exactly
/// from the database rather than from channel variables (whose commas the Originate would have split).
/// </summary>
public sealed class CampaignPromptVariables(ContactStore contacts) : IPromptVariableSource
{
    public const string ChannelVariable = "BOTPBX_CAMPAIGN_CONTACT";

    public async Task<IReadOnlyDictionary<string, string>> GetAsync(IReadOnlyDictionary<string, string> channelVariables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelVariables);
        if (!channelVariables.TryGetValue(ChannelVariable, out var text)
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var contactId))
        {
            return new Dictionary<string, string>();
        }
        return await contacts.VariablesAsync(contactId, cancellationToken) ?? new Dictionary<string, string>();
    }
}
