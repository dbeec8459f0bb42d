using BotPbx.Ivr.Nodes;
using BotPbx.Ivr.Validation;

namespace BotPbx.Ivr.Tests.Support;

/// <summary>A reference checker over a fixed list of existing PBX objects.</summary>
public sealed class FakeReferences : IIvrReferenceChecker
{
    private readonly HashSet<(IvrReferenceKind, string)> _existing = [];

    public FakeReferences With(IvrReferenceKind kind, params string[] ids)
    {
        foreach (var id in ids) _existing.Add((kind, id));
        return this;
    }

    public Task<IReadOnlyCollection<IvrReference>> FindMissingAsync(IReadOnlyCollection<IvrReference> references, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<IvrReference>>([.. references.Where(r => !_existing.Contains((r.Kind, r.Id)))]);
}
