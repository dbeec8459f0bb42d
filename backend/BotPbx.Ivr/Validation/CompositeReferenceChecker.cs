using BotPbx.Ivr.Nodes;

namespace BotPbx.Ivr.Validation;

/// <summary>
/// Knows which objects of some reference kinds exist. Each feature that owns PBX objects registers one (telephony:
/// extensions, queues and ring groups by number, mailboxes, external numbers through the outbound routes; the IVR
/// feature: IVRs, recordings, TTS engines; AI agents once that feature exists).
/// </summary>
public interface IIvrReferenceSource
{
    IReadOnlyCollection<IvrReferenceKind> Kinds { get; }

    /// <summary>Which of <paramref name="ids"/> (all of kind <paramref name="kind"/>) exist.</summary>
    Task<IReadOnlySet<string>> FindExistingAsync(IvrReferenceKind kind, IReadOnlyCollection<string> ids, CancellationToken cancellationToken);
}

/// <summary>
/// The reference checker over every registered source. A kind that no source covers cannot be checked and is
/// accepted: the flow then fails at call time on a missing target (and the caller gets the fallback), never silently.
/// </summary>
public sealed class CompositeReferenceChecker(IEnumerable<IIvrReferenceSource> sources) : IIvrReferenceChecker
{
    private readonly IReadOnlyList<IIvrReferenceSource> _sources = [.. sources];

    /// <summary>The kinds no source checks; the host logs them at start-up.</summary>
    public IEnumerable<IvrReferenceKind> UncheckedKinds => Enum.GetValues<IvrReferenceKind>().Where(k => !_sources.Any(s => s.Kinds.Contains(k)));

    public async Task<IReadOnlyCollection<IvrReference>> FindMissingAsync(IReadOnlyCollection<IvrReference> references, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(references);
        var missing = new List<IvrReference>();
        foreach (var group in references.GroupBy(r => r.Kind))
        {
            var source = _sources.FirstOrDefault(s => s.Kinds.Contains(group.Key));
            if (source is null) continue;
            var existing = await source.FindExistingAsync(group.Key, [.. group.Select(r => r.Id).Distinct(StringComparer.Ordinal)], cancellationToken)
                .ConfigureAwait(false);
            missing.AddRange(group.Where(r => !existing.Contains(r.Id)));
        }
        return missing;
    }
}
