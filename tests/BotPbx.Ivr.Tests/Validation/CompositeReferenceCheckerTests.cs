using BotPbx.Ivr.Nodes;
using BotPbx.Ivr.Validation;

namespace BotPbx.Ivr.Tests.Validation;

public class CompositeReferenceCheckerTests
{
    private sealed class QueueSource(params string[] existing) : IIvrReferenceSource
    {
        public IReadOnlyCollection<IvrReferenceKind> Kinds { get; } = [IvrReferenceKind.Queue];

        public List<IReadOnlyCollection<string>> Asked { get; } = [];

        public Task<IReadOnlySet<string>> FindExistingAsync(IvrReferenceKind kind, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
        {
            Asked.Add(ids);
            return Task.FromResult<IReadOnlySet<string>>(ids.Intersect(existing).ToHashSet());
        }
    }

    [Fact]
    public async Task Each_kind_is_asked_of_its_source_once_and_kinds_without_a_source_are_accepted()
    {
        var queues = new QueueSource("605");
        var checker = new CompositeReferenceChecker([queues]);
        var missing = await checker.FindMissingAsync([
            new IvrReference(IvrReferenceKind.Queue, "605", "destination.target"),
            new IvrReference(IvrReferenceKind.Queue, "699", "destination.target"),
            new IvrReference(IvrReferenceKind.Queue, "699", "other"),
            new IvrReference(IvrReferenceKind.Extension, "1001", "destination.target"),
        ], CancellationToken.None);

        Assert.Equal(["699", "699"], missing.Select(r => r.Id));
        Assert.Equal(["605", "699"], Assert.Single(queues.Asked));
        Assert.Contains(IvrReferenceKind.Extension, checker.UncheckedKinds);
        Assert.DoesNotContain(IvrReferenceKind.Queue, checker.UncheckedKinds);
    }
}
