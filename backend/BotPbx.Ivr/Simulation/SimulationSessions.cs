using System.Collections.Concurrent;
using BotPbx.Ivr.Prompts;
using BotPbx.Ivr.Runtime;
using BotPbx.Ivr.Tracing;
using BotPbx.Ivr.Versions;
using Microsoft.Extensions.Logging;

namespace BotPbx.Ivr.Simulation;

/// <summary>
/// The simulator's live sessions. Runs the same interpreter and executors as real calls, with its own trace sink that
/// keeps nothing: simulated calls do not belong in the call traces. Idle and surplus sessions are ended.
/// </summary>
public sealed class SimulationSessions : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, SimulationSession> _sessions = new();
    private readonly IvrInterpreter _interpreter;
    private readonly SimulationOptions _options;
    private readonly PromptCacheOptions _prompts;
    private readonly TimeProvider _time;

    public SimulationSessions(IIvrFlowStore store, IvrRuntime runtime, SimulationOptions options, PromptCacheOptions prompts, ILogger<IvrInterpreter> logger)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _interpreter = new IvrInterpreter(store, runtime, new DiscardTraces(), logger);
        _options = options;
        _prompts = prompts;
        _time = runtime.Time;
    }

    public int Count => _sessions.Count;

    /// <summary>Starts a simulated call of <paramref name="snapshot"/> and returns its first state.</summary>
    public async Task<SimulationState> StartAsync(IvrFlowSnapshot snapshot, string callerNumber, string dialedNumber, CancellationToken cancellationToken)
    {
        await EvictAsync(cancellationToken).ConfigureAwait(false);
        var call = new IvrCallInfo("sim-" + Guid.NewGuid().ToString("N")[..12], callerNumber, "Simulator", dialedNumber, dialedNumber, "Simulator/browser");
        var (session, state) = await SimulationSession.StartAsync(_interpreter, snapshot, call, PromptUrl, _options, _time, cancellationToken)
            .ConfigureAwait(false);
        _sessions[session.Id] = session;
        return state;
    }

    /// <summary>Sends input to a session of IVR <paramref name="ivrId"/>; null when there is no such session.</summary>
    public async Task<SimulationState?> SendAsync(Guid id, string ivrId, SimulationInput input, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(id, out var session) || session.IvrId != ivrId) return null;
        return await session.SendAsync(input, cancellationToken).ConfigureAwait(false);
    }

    public SimulationState? Get(Guid id, string ivrId) => _sessions.TryGetValue(id, out var session) && session.IvrId == ivrId ? session.State() : null;

    public async Task<bool> EndAsync(Guid id, string ivrId, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(id, out var owned) || owned.IvrId != ivrId) return false;
        return await EndAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> EndAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!_sessions.TryRemove(id, out var session)) return false;
        await session.DisposeAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The browser URL of a synthesized prompt (a file in the prompt cache directory), or null for other sounds.</summary>
    private string? PromptUrl(string file)
    {
        var directory = Path.GetFullPath(_prompts.Directory);
        var name = Path.GetFileName(file);
        return string.Equals(Path.GetDirectoryName(Path.GetFullPath(file)), directory.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)
            && name.Length == 64 && name.All(char.IsAsciiHexDigitLower)
            ? _options.PromptUrlPrefix + name + ".wav"
            : null;
    }

    private async Task EvictAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var stale = _sessions.Values.Where(s => now - s.LastUsed > _options.IdleTimeout).ToList();
        var surplus = _sessions.Count - stale.Count - (_options.MaxSessions - 1);
        if (surplus > 0) stale.AddRange(_sessions.Values.Except(stale).OrderBy(s => s.LastUsed).ThenBy(s => s.Sequence).Take(surplus));
        foreach (var session in stale) await EndAsync(session.Id, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _sessions.Keys) await EndAsync(id, CancellationToken.None).ConfigureAwait(false);
    }

    private sealed class DiscardTraces : IIvrTraceSink
    {
        public Task SaveAsync(IvrTrace trace, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
