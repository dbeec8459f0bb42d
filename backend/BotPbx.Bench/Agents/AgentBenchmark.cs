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
/// (3) how many concurrent calls run before any frame leaves late (more than one 20 ms frame behind its slot).
/// Callers and agents share the same cores, so the capacity figure is a lower bound for a PBX whose callers are remote.
/// </summary>
public sealed class AgentBenchmark : IBenchmark
{
    private const string Answer = "Our opening hours are nine to five. We are open on weekdays.";
    private const string LongAnswer =
        "Our opening hours are nine to five on weekdays. On Saturdays we open at ten and close at two. We are closed on Sundays and on public holidays.";
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    public string Name => "agent";

    public string Description => "AI agent pipeline: own latency per turn p50/p95, barge-in stop time, concurrent calls before a late frame";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await LatencyAsync(output, cancellationToken).ConfigureAwait(false);
        await BargeInAsync(output, cancellationToken).ConfigureAwait(false);
        await CapacityAsync(output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>10 calls × 8 turns, each turn: 600 ms of speech, then silence until the agent has answered.</summary>
    private static async Task LatencyAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var turns = new ConcurrentBag<TurnMeasurement>();
        var run = new Run(Answer, 10, measured: turns.Add);
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
        var run = new Run(LongAnswer, 10, bargedIn: t => server.Add(t.TotalMilliseconds));
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

    /// <summary>Rising numbers of calls, 12 s each, every caller asking every 5 s (staggered): late frames per level.</summary>
    private static async Task CapacityAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var sustained = 0;
        var stillOk = true;
        var process = System.Diagnostics.Process.GetCurrentProcess();
        foreach (var calls in new[] { 25, 50, 100, 150, 200, 300 })
        {
            var run = new Run(Answer, calls);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await run.PlayAsync(ticks: 600, (caller, index, tick) => (tick + (index * 7)) % 250 < 30, cancellationToken).ConfigureAwait(false);
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            var seconds = clock.Elapsed.TotalSeconds;
            // CPU per call-second, callers included: what one call costs this process, whatever else the machine runs.
            var perCall = cpu / seconds / calls;
            await output.WriteLineAsync($"{calls,4} calls: {run.Frames.Frames} agent frames, {run.Frames.LateFrames} late (> 20 ms), max lateness {run.Frames.MaxLateness.TotalMilliseconds:0.0} ms, " +
                $"{run.Turns} turns, CPU {cpu / seconds / 10:0}% of one core = {perCall:0.00} ms CPU per call-second, " +
                $"caller driver behind by up to {run.DriverLag.TotalMilliseconds:0} ms, load average {LoadAverage()}").ConfigureAwait(false);
            stillOk &= run.Frames.LateFrames == 0;
            if (stillOk) sustained = calls;
        }
        await output.WriteLineAsync($"concurrent agent calls with no late frame: {sustained} (highest level reached without one)").ConfigureAwait(false);
    }

    private static string LoadAverage()
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

    private static double At(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    private static double Max(double[] sorted) => sorted.Length == 0 ? double.NaN : sorted[^1];

    /// <summary>One measured run: an AudioSocket server whose sessions each run an agent conversation, and its callers.</summary>
    private sealed class Run(string answer, int calls, Action<TurnMeasurement>? measured = null, Action<TimeSpan>? bargedIn = null)
    {
        private int _turns;

        public FrameSentSignals Frames { get; } = new(TimeProvider.System);

        public int Turns => Volatile.Read(ref _turns);

        public TimeSpan DriverLag { get; private set; }

        /// <summary>Connects the callers, then every 20 ms sends each one frame, speech when <paramref name="speaking"/> says so.</summary>
        public async Task PlayAsync(int ticks, Func<BenchCaller, int, int, bool> speaking, CancellationToken cancellationToken)
        {
            var options = new VoiceOptions
            {
                TurnMeasured = m =>
                {
                    Interlocked.Increment(ref _turns);
                    measured?.Invoke(m);
                },
                BargedIn = bargedIn,
            };
            var metrics = new VoiceMetrics();
            var functions = new FunctionCaller(new HttpClient(), options.FunctionTimeout);
            var agent = new AgentDefinition
            {
                Id = "bench", Name = "Bench", Llm = new ProviderSettings("bench"), Model = "bench", SystemPrompt = "You answer questions.",
                Tts = new ProviderSettings("bench"), Stt = new ProviderSettings("bench"), MaxTurns = 10_000, SilenceTimeout = TimeSpan.FromMinutes(5),
            };
            var server = new AudioSocketServer(
                new AudioSocketOptions { Port = 0, OutputKind = AudioSocketKind.Slin16, AudioFrameSent = Frames.OnFrameSent, MaxConcurrentSessions = 2000 },
                new AudioSocketSessionRegistry(),
                async (session, token) =>
                {
                    var setup = new ConversationSetup
                    {
                        Agent = agent,
                        Llm = new BenchLlm(TimeSpan.FromMilliseconds(40), answer),
                        Stt = new BenchStt(),
                        Tts = new BenchTts(TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(25)),
                        Audio = session,
                        SampleRate = 16_000,
                        Call = new NullCall(),
                        Store = new NullStore(),
                        Start = new ConversationStart("bench", "call", null, null, null, new Dictionary<string, string>(), DateTimeOffset.UtcNow),
                    };
                    await new AgentConversation(setup, options, metrics, Frames, functions, TimeProvider.System, NullLogger.Instance)
                        .RunAsync(token).ConfigureAwait(false);
                });
            await using (server.ConfigureAwait(false))
            {
                await server.StartAsync(cancellationToken).ConfigureAwait(false);
                var callers = new List<BenchCaller>();
                for (var i = 0; i < calls; i++) callers.Add(await BenchCaller.ConnectAsync(server.LocalEndPoint, cancellationToken).ConfigureAwait(false));
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
                Frames.ResetCounters();
                var started = DateTimeOffset.UtcNow;
                using var timer = new PeriodicTimer(Tick);
                for (var tick = 0; tick < ticks && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false); tick++)
                {
                    var lag = DateTimeOffset.UtcNow - started - (Tick * (tick + 1));
                    if (lag > DriverLag) DriverLag = lag;
                    for (var i = 0; i < callers.Count; i++)
                    {
                        callers[i].Speaking = speaking(callers[i], i, tick);
                        await callers[i].TickAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
                foreach (var caller in callers) await caller.DisposeAsync().ConfigureAwait(false);
            }
            metrics.Dispose();
        }
    }
}
