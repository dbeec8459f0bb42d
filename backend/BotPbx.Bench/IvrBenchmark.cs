using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BotPbx.Asterisk.Agi;
using BotPbx.Ivr.Agi;
using BotPbx.Ivr.Flow;
using BotPbx.Ivr.Http;
using BotPbx.Ivr.Prompts;
using BotPbx.Ivr.Runtime;
using BotPbx.Ivr.Tracing;
using BotPbx.Ivr.Versions;
using Microsoft.Extensions.Logging.Abstractions;

namespace BotPbx.Bench;

/// <summary>
/// IVR steps per second, and the latency BotPBX adds per step, with 200 concurrent calls over loopback FastAGI. Each
/// simulated Asterisk connects like <c>AGI(agi://127.0.0.1:4573/ivr/bench)</c> and answers every command at once,
/// pressing the menu digit and the account digits immediately, so all time measured is BotPBX's (and the loopback
/// socket's). Prompts resolve to a fixed sound file: synthesis is a one-off cost per prompt, measured elsewhere.
/// </summary>
public sealed class IvrBenchmark : IBenchmark
{
    private const int ConcurrentCalls = 200;
    private const int CallsPerLine = 15;
    private const int PacedCallsPerLine = 5;

    /// <summary>How long the paced Asterisk takes per command, like a short prompt or a caller's key press.</summary>
    private static readonly TimeSpan PacedThinkTime = TimeSpan.FromMilliseconds(200);

    public string Name => "ivr";

    public string Description => $"IVR interpreter over FastAGI: steps/s and added latency per step, {ConcurrentCalls} concurrent calls";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var store = new InMemoryIvrFlowStore();
        store.Publish("bench", BenchFlow());
        using var http = new IvrHttpClient(new IvrHttpOptions());
        var options = new IvrOptions();
        var runtime = new IvrRuntime(new FixedPrompt(), http, options, TimeProvider.System);
        var traces = new CountingTraces();
        var interpreter = new IvrInterpreter(store, runtime, traces, NullLogger<IvrInterpreter>.Instance);
        var router = new IvrAgiHandler(interpreter, options, NullLogger<IvrAgiHandler>.Instance).Map(new AgiRouter());
        await using var server = new FastAgiServer(new FastAgiOptions { Port = 0, MaxConcurrentSessions = 1000 }, router);
        await server.StartAsync(cancellationToken);

        // Warm-up: JIT, thread pool, the prepared-flow cache.
        await RunLinesAsync(server.LocalEndPoint, 20, 2, cancellationToken);
        traces.Reset();

        var clock = Stopwatch.StartNew();
        var turnarounds = await RunLinesAsync(server.LocalEndPoint, ConcurrentCalls, CallsPerLine, cancellationToken);
        clock.Stop();

        var calls = traces.Calls;
        var steps = traces.Steps;
        var completed = traces.Completed;

        // 200 concurrent calls whose Asterisk takes 200 ms per command: calls overlap as on a busy PBX, but the CPU is
        // not saturated, so the turnaround is what BotPBX adds per step under that concurrency.
        var paced = await RunLinesAsync(server.LocalEndPoint, ConcurrentCalls, PacedCallsPerLine, cancellationToken, PacedThinkTime);
        paced.Sort();

        // The same flow, one call at a time: the latency BotPBX adds when nothing else competes for the CPU.
        traces.Reset();
        var alone = await RunLinesAsync(server.LocalEndPoint, 1, 100, cancellationToken);
        alone.Sort();

        turnarounds.Sort();
        output.WriteLine($"calls                         {calls} ({ConcurrentCalls} concurrent, {CallsPerLine} each), {completed} completed");
        output.WriteLine($"IVR steps                     {steps} ({(double)steps / Math.Max(1, calls):0.0} per call)");
        output.WriteLine($"AGI commands                  {turnarounds.Count}");
        output.WriteLine($"wall time                     {clock.Elapsed.TotalSeconds:0.00} s");
        output.WriteLine($"steps per second              {steps / clock.Elapsed.TotalSeconds:0}");
        output.WriteLine($"calls per second              {calls / clock.Elapsed.TotalSeconds:0}");
        output.WriteLine("latency BotPBX adds per command (reply sent -> next command received):");
        output.WriteLine($"  p50 {Percentile(turnarounds, 0.50):0.000} ms   p90 {Percentile(turnarounds, 0.90):0.000} ms   " +
                         $"p99 {Percentile(turnarounds, 0.99):0.000} ms   max {turnarounds[^1]:0.000} ms");
        output.WriteLine($"latency per step (commands x p50 / steps) {turnarounds.Count * Percentile(turnarounds, 0.50) / Math.Max(1, steps):0.000} ms");
        output.WriteLine($"{ConcurrentCalls} concurrent calls, Asterisk answering after {PacedThinkTime.TotalMilliseconds:0} ms ({paced.Count} commands), latency BotPBX adds per command:");
        output.WriteLine($"  p50 {Percentile(paced, 0.50):0.000} ms   p90 {Percentile(paced, 0.90):0.000} ms   p99 {Percentile(paced, 0.99):0.000} ms   max {paced[^1]:0.000} ms");
        output.WriteLine("one call at a time (100 calls), latency per command:");
        output.WriteLine($"  p50 {Percentile(alone, 0.50):0.000} ms   p90 {Percentile(alone, 0.90):0.000} ms   p99 {Percentile(alone, 0.99):0.000} ms");
    }

    private static async Task<List<double>> RunLinesAsync(IPEndPoint server, int lines, int callsPerLine, CancellationToken cancellationToken,
        TimeSpan thinkTime = default)
    {
        var all = new List<double>();
        var tasks = Enumerable.Range(0, lines).Select(async line =>
        {
            var mine = new List<double>();
            for (var call = 0; call < callsPerLine; call++) await FakeAsterisk.CallAsync(server, $"{line}.{call}", mine, thinkTime, cancellationToken);
            return mine;
        });
        foreach (var list in await Task.WhenAll(tasks)) all.AddRange(list);
        return all;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    /// <summary>start → menu → (1) setVariable → branch → dtmfInput → playDigits → playMessage → hangup: 8 steps, 7 of them talk to Asterisk.</summary>
    private static IvrFlow BenchFlow()
    {
        object Node(string id, string type, object data) => new { id, type, position = new { x = 0, y = 0 }, data };
        object Edge(string s, string h, string t) => new { id = $"{s}-{h}", source = s, sourceHandle = h, target = t };
        var tts = new { kind = "tts", text = "Welcome" };
        var document = JsonSerializer.SerializeToElement(new
        {
            schemaVersion = 1,
            nodes = new[]
            {
                Node("start", "start", new { }),
                Node("menu", "menu", new { prompt = tts, options = new[] { new { digit = "1" }, new { digit = "2" } }, timeoutSeconds = 5 }),
                Node("set", "setVariable", new { assignments = new[] { new { variable = "TIER", value = "${CALLERID}-gold" } } }),
                Node("branch", "branch", new { rules = new[] { new { id = "gold", variable = "TIER", @operator = "contains", value = "gold" } } }),
                Node("ask", "dtmfInput", new { prompt = tts, variable = "ACCOUNT", maxDigits = 4, timeoutSeconds = 5, terminator = "#" }),
                Node("say", "playDigits", new { value = "${ACCOUNT}", format = "digits" }),
                Node("bye", "playMessage", new { prompt = tts }),
                Node("end", "hangup", new { }),
            },
            edges = new[]
            {
                Edge("start", "next", "menu"), Edge("menu", "digit-1", "set"), Edge("set", "next", "branch"), Edge("branch", "rule-gold", "ask"),
                Edge("ask", "next", "say"), Edge("say", "next", "bye"), Edge("bye", "next", "end"),
            },
        }, FlowJson.Options);
        return FlowJson.ToFlow(document);
    }

    private sealed class FixedPrompt : IPromptLibrary
    {
        public Task<string> GetPlaybackFileAsync(IvrPrompt prompt, IvrVariables variables, CancellationToken cancellationToken) =>
            Task.FromResult("/var/lib/asterisk/sounds/botpbx/prompts/bench");
    }

    private sealed class CountingTraces : IIvrTraceSink
    {
        private int _calls;
        private int _steps;
        private int _completed;

        public int Calls => Volatile.Read(ref _calls);

        public int Steps => Volatile.Read(ref _steps);

        public int Completed => Volatile.Read(ref _completed);

        public void Reset() => (_calls, _steps, _completed) = (0, 0, 0);

        public Task SaveAsync(IvrTrace trace, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            Interlocked.Add(ref _steps, trace.Steps.Count);
            if (trace.Outcome == IvrRunOutcome.Completed) Interlocked.Increment(ref _completed);
            return Task.CompletedTask;
        }
    }

    /// <summary>Just enough of Asterisk's side of FastAGI: the agi_* block, a reply per command, HANGUP when the server closes.</summary>
    private static class FakeAsterisk
    {
        public static async Task CallAsync(IPEndPoint server, string uniqueId, List<double> turnarounds, TimeSpan thinkTime,
            CancellationToken cancellationToken)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(server, cancellationToken);
            using var stream = new NetworkStream(socket, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.UTF8, false, 4096, leaveOpen: true);
            var environment = $"agi_network: yes\nagi_network_script: ivr/bench\nagi_request: agi://{server}/ivr/bench\nagi_channel: PJSIP/1001-{uniqueId}\n" +
                              $"agi_language: en\nagi_type: PJSIP\nagi_uniqueid: 1795239477.{uniqueId}\nagi_version: 22.10.1\nagi_callerid: 5551234\n" +
                              "agi_calleridname: Bench\nagi_dnid: 4000\nagi_context: from-internal\nagi_extension: 4000\nagi_priority: 1\n\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(environment), cancellationToken);
            // The first turnaround is environment → first command: what a caller waits for at call start.
            var sentAt = Stopwatch.GetTimestamp();
            while (await reader.ReadLineAsync(cancellationToken) is { } command)
            {
                turnarounds.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
                var reply = command switch
                {
                    _ when command.StartsWith("WAIT FOR DIGIT", StringComparison.Ordinal) => "200 result=49",
                    _ when command.StartsWith("GET DATA", StringComparison.Ordinal) => "200 result=4711",
                    _ when command.StartsWith("STREAM FILE", StringComparison.Ordinal) => "200 result=0 endpos=8000",
                    _ when command.StartsWith("HANGUP", StringComparison.Ordinal) => "200 result=1\nHANGUP",
                    _ => "200 result=0",
                };
                if (thinkTime > TimeSpan.Zero) await Task.Delay(thinkTime, cancellationToken);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\n"), cancellationToken);
                sentAt = Stopwatch.GetTimestamp();
            }
        }
    }
}
