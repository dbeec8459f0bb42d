using System.Globalization;
using System.Text.Json;
using BotPbx.Ivr.Flow;
using BotPbx.Ivr.Versions;

namespace BotPbx.Api.Features.Ivr;

/// <summary>The interpreter's view of published versions: the live version of an IVR at the moment a call starts.</summary>
public sealed class DatabaseIvrFlowStore(IvrStore store) : IIvrFlowStore
{
    public async Task<IvrFlowSnapshot?> GetPublishedAsync(string ivrId, CancellationToken cancellationToken)
    {
        if (!long.TryParse(ivrId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        var version = await store.FindPublishedAsync(id, cancellationToken);
        if (version is null) return null;
        using var document = JsonDocument.Parse(version.Flow);
        return new IvrFlowSnapshot(ivrId, version.Version, FlowJson.ToFlow(document.RootElement));
    }
}
