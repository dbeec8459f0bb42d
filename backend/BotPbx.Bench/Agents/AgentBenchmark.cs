using System.Collections.Concurrent;
using BotPbx.Asterisk.AudioSocket;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Pipeline;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Tools;
using Microsoft.Extensions.Logging.Abstractions;

namespace BotPbx.Bench.Agents;

/// <summary>
/// The AI agent pipeline on this machine, in-process over real loopback AudioSocket connections, with local fake
/// providers of known waits. Prints (1) BotPBX's own latency per turn — end of speech to first frame sent, less the
/// time spent waiting for STT, the LLM's first token and TTS's first audio; (2) barge-in stop time — the caller's first
/// voiced frame to the flushed playback (server side) and to the last agent frame the caller received (wire side);
/// (3) how many concurrent calls run before any frame leaves late (<see cref="AgentCapacityBenchmark"/>).
/// Callers and agents share the same cores, so the capacity figure is a lower bound for a PBX whose callers are remote.
/// </summary>
public sealed class AgentBenchmark : IBenchmark
{
    private const string Answer = "Our opening hours are nine to five. We are open on weekdays.";
    private const string LongAnswer =
        "Our opening hours are nine to five on weekdays. On Saturdays we open at ten and close at two. We are closed on Sundays and on public holidays.";

    public string Name => "agent";

    public string Description => "AI agent pipeline: own latency per turn p50/p95, barge-in stop time, concurrent calls before a late frame";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await LatencyAsync(output, cancellationToken).ConfigureAwait(false);
        await BargeInAsync(output, cancellationToken).ConfigureAwait(false);
        await AgentCapacityBenchmark.CapacityAsync(output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>10 calls × 8 turns, each turn: 600 ms of speech, then silence until the agent has answered.</summary>
    private static async Task LatencyAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var turns = new ConcurrentBag<TurnMeasurement>();
        var run = new BenchRun(Answer, 10, measured: turns.Add);
        await run.PlayAsync(ticks: 8 * 250, (caller, index, tick) => (tick + (index * 25)) % 250 < 30, cancellationToken).ConfigureAwait(false);
        var own = turns.Select(t => t.OwnLatency).OfType<TimeSpan>().Select(t => t.TotalMilliseconds).Order().ToArray();
        var total = turns.Where(t => t.FirstFrameSent is not null).Select(t => (t.FirstFrameSent!.Value - t.EndOfSpeech).TotalMilliseconds).Order().ToArray();
        await output.WriteLineAsync($"own latency per turn over {own.Length} turns (10 calls): p50 {At(own, 0.5):0.0} ms, p95 {At(own, 0.95):0.0} ms, max {Max(own):0.0} ms")
            .ConfigureAwait(false);
        await output.WriteLineAsync($"  end of speech → first frame, providers included (STT 0, LLM first token 40 ms, TTS first audio 30 ms): " +
            $"p50 {At(total, 0.5):0.0} ms, p95 {At(total, 0.95):0.0} ms").ConfigureAwait(false);
        await output.WriteLineAsync($"  frames late (> 20 ms behind their slot): {run.Frames.LateFrames} of {run.Frames.Frames}").ConfigureAwait(false);
    }

    /// <summary>10 calls: the caller asks, and talks again 1 s into the agent's long answer.</summary>
    private static async Task BargeInAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var server = new ConcurrentBag<double>();
        var run = new BenchRun(LongAnswer, 10, bargedIn: t => server.Add(t.TotalMilliseconds));
        var wire = new ConcurrentBag<double>();
        var starts = new ConcurrentDictionary<int, DateTimeOffset>();
        // Per 10 s: speech at 0-0.6 s (the question), the answer starts ~1.3 s, speech again at 2.4-3.0 s (the barge-in).
        await run.PlayAsync(ticks: 4 * 500, (caller, index, tick) =>
        {
            var at = tick % 500;
            if (at == 120) starts[index] = DateTimeOffset.UtcNow;
            if (at == 145 && starts.TryRemove(index, out var start) && caller.LastSound > start) wire.Add((caller.LastSound - start).TotalMilliseconds);
            return at < 30 || at is >= 120 and < 150;
        }, cancellationToken).ConfigureAwait(false);
        var s = server.Order().ToArray();
        var w = wire.Order().ToArray();
        await output.WriteLineAsync($"barge-in over {s.Length} interruptions: first voiced frame → playback flushed: p50 {At(s, 0.5):0.0} ms, p95 {At(s, 0.95):0.0} ms, max {Max(s):0.0} ms")
            .ConfigureAwait(false);
        await output.WriteLineAsync($"  caller starts talking → last agent frame on the wire: p50 {At(w, 0.5):0.0} ms, p95 {At(w, 0.95):0.0} ms, max {Max(w):0.0} ms " +
            "(the 120 ms onset is counted from the first voiced frame the server reads)").ConfigureAwait(false);
    }

    internal static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    internal static double At(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    internal static double Max(double[] sorted) => sorted.Length == 0 ? double.NaN : sorted[^1];
}
