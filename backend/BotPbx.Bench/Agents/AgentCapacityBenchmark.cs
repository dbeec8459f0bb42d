using System.Diagnostics;

namespace BotPbx.Bench.Agents;

/// <summary>
/// How many concurrent agent calls this machine carries before outgoing audio is late: N callers (25, 50, 100, 150,
/// 200) on real loopback AudioSocket connections into the production pipeline (<see cref="BenchRun"/>: VAD,
/// transcriber, streaming fake LLM, sentence-by-sentence fake TTS, the server's 20 ms send clock), every caller asking
/// every 5 s, staggered. A frame is late when the send clock writes it more than 40 ms after its slot (two frames: the
/// point where a phone's jitter buffer starts to run dry). Prints, per level, the late share, the lateness
/// distribution, the process's CPU per call and the machine's load; callers and agents share the same cores, so the
/// CPU figures include the callers' side.
/// </summary>
public sealed class AgentCapacityBenchmark : IBenchmark
{
    private const string Answer = "Our opening hours are nine to five. We are open on weekdays.";
    private static readonly TimeSpan Late = TimeSpan.FromMilliseconds(40);
    private static readonly int[] Levels = [25, 50, 100, 150, 200];

    public string Name => "agent-capacity";

    public string Description => "AI agent pipeline: concurrent calls 25…200, share of outgoing frames > 40 ms late, CPU per call";

    public Task RunAsync(TextWriter output, CancellationToken cancellationToken) => CapacityAsync(output, cancellationToken);

    /// <summary>15 s per level (750 frames per call slot).</summary>
    internal static async Task CapacityAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var sustained = 0;
        var stillOk = true;
        var process = Process.GetCurrentProcess();
        await output.WriteLineAsync($"{Environment.ProcessorCount} cores; late = written > {Late.TotalMilliseconds:0} ms after its 20 ms slot; load average before: {AgentBenchmark.LoadAverage()}")
            .ConfigureAwait(false);
        foreach (var calls in Levels)
        {
            var lateness = new LatenessHistogram();
            var run = new BenchRun(Answer, calls, frameSent: lateness.Record);
            run.Frames.LateThreshold = Late;
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await run.PlayAsync(ticks: 750, (caller, index, tick) => (tick + (index * 7)) % 250 < 30, cancellationToken).ConfigureAwait(false);
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            var seconds = clock.Elapsed.TotalSeconds;
            var share = run.Frames.Frames == 0 ? 0 : 100.0 * run.Frames.LateFrames / run.Frames.Frames;
            await output.WriteLineAsync(
                $"{calls,4} calls: {run.Frames.Frames} agent frames, {run.Frames.LateFrames} late ({share:0.000} %), lateness p50 {lateness.Percentile(0.5)} ms, " +
                $"p99 {lateness.Percentile(0.99)} ms, p99.9 {lateness.Percentile(0.999)} ms, max {run.Frames.MaxLateness.TotalMilliseconds:0} ms; {run.Turns} turns; " +
                $"CPU {cpu / seconds / 10:0} % of one core = {cpu / seconds / calls:0.00} ms per call-second; caller driver behind by up to " +
                $"{run.DriverLag.TotalMilliseconds:0} ms; load average {AgentBenchmark.LoadAverage()}").ConfigureAwait(false);
            stillOk &= run.Frames.LateFrames == 0;
            if (stillOk) sustained = calls;
        }
        await output.WriteLineAsync($"concurrent agent calls with no frame > {Late.TotalMilliseconds:0} ms late: {sustained} (the highest level reached without one)")
            .ConfigureAwait(false);
    }

    /// <summary>Frames by whole milliseconds of lateness (0–2000, the last bucket holds everything later).</summary>
    private sealed class LatenessHistogram
    {
        private readonly long[] _buckets = new long[2001];

        public void Record(TimeSpan lateness) =>
            Interlocked.Increment(ref _buckets[Math.Clamp((int)lateness.TotalMilliseconds, 0, _buckets.Length - 1)]);

        public int Percentile(double q)
        {
            var total = _buckets.Sum();
            if (total == 0) return 0;
            var wanted = (long)Math.Ceiling(q * total);
            long seen = 0;
            for (var i = 0; i < _buckets.Length; i++)
            {
                seen += Interlocked.Read(ref _buckets[i]);
                if (seen >= wanted) return i;
            }
            return _buckets.Length - 1;
        }
    }
}
