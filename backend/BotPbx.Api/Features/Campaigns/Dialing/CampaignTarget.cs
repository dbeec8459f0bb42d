using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Telephony.Model;

namespace BotPbx.Api.Features.Campaigns.Dialing;

/// <summary>
/// Where a person who answers goes, resolved against the PBX: the botpbx-campaign-dest extension (Q/E + the queue or
/// extension number, A/I + the agent or IVR id) and, for a queue, its number, whose free members pace the dialer.
/// </summary>
public sealed record CampaignTarget(string DestinationCode, string? QueueNumber)
{
    /// <summary>Null when the destination no longer exists (deleted since the campaign was saved).</summary>
    public static async Task<CampaignTarget?> ResolveAsync(Destination destination, PbxStore pbx, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(pbx);
        var target = destination.Target ?? "";
        switch (destination.Type)
        {
            case DestinationType.Queue when long.TryParse(target, out var id):
                return await pbx.FindAsync(PbxTables.Queues, id, cancellationToken) is { } q ? new CampaignTarget("Q" + q.Number, q.Number) : null;
            case DestinationType.Extension when long.TryParse(target, out var id):
                return await pbx.FindAsync(PbxTables.Extensions, id, cancellationToken) is { } e ? new CampaignTarget("E" + e.Number, null) : null;
            case DestinationType.AiAgent when target.Length > 0:
                return new CampaignTarget("A" + target, null);
            case DestinationType.Ivr when target.Length > 0:
                return new CampaignTarget("I" + target, null);
            default:
                return null;
        }
    }
}
