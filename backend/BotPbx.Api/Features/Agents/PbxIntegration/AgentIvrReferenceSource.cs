using System.Globalization;
using BotPbx.Ivr.Nodes;
using BotPbx.Ivr.Validation;

namespace BotPbx.Api.Features.Agents.PbxIntegration;

/// <summary>The IVR's aiAgent nodes and aiAgent transfers name agents by id: they must exist when a flow is published.</summary>
public sealed class AgentIvrReferenceSource(AgentStore store) : IIvrReferenceSource
{
    public IReadOnlyCollection<IvrReferenceKind> Kinds { get; } = [IvrReferenceKind.AiAgent];

    public async Task<IReadOnlySet<string>> FindExistingAsync(IvrReferenceKind kind, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var numeric = ids.Select(i => long.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (long?)null)
            .OfType<long>().ToList();
        var found = await store.ExistingAsync(numeric, cancellationToken);
        return found.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
    }
}
