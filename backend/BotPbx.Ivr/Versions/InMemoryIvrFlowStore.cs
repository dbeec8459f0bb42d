using System.Collections.Concurrent;
using BotPbx.Ivr.Flow;

namespace BotPbx.Ivr.Versions;

/// <summary>A flow store held in memory: for the benchmark, tests, and embedding the interpreter without a database.</summary>
public sealed class InMemoryIvrFlowStore : IIvrFlowStore
{
    private readonly ConcurrentDictionary<string, IvrFlowSnapshot> _published = new(StringComparer.Ordinal);

    /// <summary>Publishes <paramref name="flow"/> as the IVR's next version and returns that version's number.</summary>
    public int Publish(string ivrId, IvrFlow flow)
    {
        var snapshot = _published.AddOrUpdate(ivrId,
            _ => new IvrFlowSnapshot(ivrId, 1, flow),
            (_, current) => new IvrFlowSnapshot(ivrId, current.Version + 1, flow));
        return snapshot.Version;
    }

    public Task<IvrFlowSnapshot?> GetPublishedAsync(string ivrId, CancellationToken cancellationToken) =>
        Task.FromResult(_published.TryGetValue(ivrId, out var snapshot) ? snapshot : null);
}
