using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Telephony.Live;
using BotPbx.Telephony.Rendering;

namespace BotPbx.Api.Features.Live;

/// <summary>The live model's directory from PostgreSQL: extensions (with their users and saved DND), queue names, trunk endpoints.</summary>
public sealed class LiveDirectorySource(PbxStore store)
{
    public async Task<LiveDirectory> LoadAsync(CancellationToken cancellationToken)
    {
        var extensions = await store.AllAsync(PbxTables.Extensions, cancellationToken);
        var queues = await store.AllAsync(PbxTables.Queues, cancellationToken);
        var trunks = await store.AllAsync(PbxTables.Trunks, cancellationToken);
        return new LiveDirectory(
            extensions.ToDictionary(e => e.Number, e => new LiveDirectoryExtension(e.Number, e.Name, e.DoNotDisturb, e.UserId), StringComparer.Ordinal),
            queues.ToDictionary(q => q.Number, q => q.Name, StringComparer.Ordinal),
            trunks.Select(t => AsteriskNames.TrunkSection(t.Id)).ToHashSet(StringComparer.Ordinal));
    }
}
