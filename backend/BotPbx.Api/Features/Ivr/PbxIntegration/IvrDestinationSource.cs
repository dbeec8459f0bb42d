using System.Globalization;
using BotPbx.Api.Features.Telephony.Common;

namespace BotPbx.Api.Features.Ivr.PbxIntegration;

/// <summary>
/// IVRs as PBX destinations (type "ivr"): inbound routes, time conditions and queue/ring-group fall-through may send
/// calls to them. Every IVR is listed, published or not: routes and IVRs are built in either order, and a route may
/// be saved before its IVR goes live. Until it is published a call there hears the fallback prompt (the interpreter's
/// NotPublished outcome), which is why the label says so.
/// </summary>
public sealed class IvrDestinationSource(IvrStore store) : IExternalDestinationSource
{
    public string Type => "ivr";

    public async Task<IReadOnlyList<ExternalDestination>> ListAsync(CancellationToken cancellationToken)
    {
        var ivrs = await store.AllAsync(cancellationToken);
        return [.. ivrs.Select(i => new ExternalDestination(i.Id.ToString(CultureInfo.InvariantCulture),
            i.PublishedVersion is null ? $"IVR {i.Name} (not published)" : $"IVR {i.Name}"))];
    }
}
