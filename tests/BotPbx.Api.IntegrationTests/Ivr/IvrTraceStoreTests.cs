using BotPbx.Api.Features.Ivr;
using BotPbx.Ivr.Tracing;
using Microsoft.Extensions.DependencyInjection;

namespace BotPbx.Api.IntegrationTests.Ivr;

public sealed class IvrTraceStoreTests(IvrApiFixture fixture) : IClassFixture<IvrApiFixture>
{
    private static IvrTrace Trace(string callId, DateTimeOffset startedAt) => new()
    {
        CallId = callId, IvrId = "not-a-number", Version = 0, CallerNumber = "5551234", StartedAt = startedAt, EndedAt = startedAt,
        Outcome = IvrRunOutcome.NotPublished,
    };

    [Fact]
    public async Task Traces_of_unknown_ivrs_are_kept_and_traces_past_the_retention_are_pruned()
    {
        var store = fixture.Api.Services.GetRequiredService<IvrTraceStore>();
        var old = "old." + Guid.NewGuid().ToString("N")[..6];
        var fresh = "new." + Guid.NewGuid().ToString("N")[..6];
        await store.SaveAsync(Trace(old, DateTimeOffset.UtcNow.AddDays(-31)), CancellationToken.None);
        await store.SaveAsync(Trace(fresh, DateTimeOffset.UtcNow), CancellationToken.None);

        await store.PruneAsync(CancellationToken.None);
        Assert.Empty(await store.ListForCallAsync(old, CancellationToken.None));
        var kept = Assert.Single(await store.ListForCallAsync(fresh, CancellationToken.None));
        Assert.Null(kept.IvrId);
        Assert.Equal("notPublished", kept.Outcome);
    }
}
