using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BotPbx.Asterisk.Ami;

namespace BotPbx.Bench;

/// <summary>
/// AMI: (1) events parsed per second on one thread, from the real Asterisk 22 event streams in the fixtures;
/// (2) action round trips per second through <see cref="AmiClient"/> against a minimal loopback AMI peer.
/// </summary>
public sealed class AmiBenchmark : IBenchmark
{
    private const int MaxMessageSize = 4 * 1024 * 1024;

    public string Name => "ami";

    public string Description => "AMI event parsing (events/s, one core) and action round trips over loopback";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (LoadRecordedEvents() is { } events)
        {
            Parse(output, events, touchFields: false);
            Parse(output, events, touchFields: true);
        }
        else
        {
            await output.WriteLineAsync("parse: fixtures not found (run inside the repository or set BOTPBX_FIXTURES_DIR); skipped").ConfigureAwait(false);
        }
        await RoundTripsAsync(output, concurrency: 1, total: 20_000, cancellationToken).ConfigureAwait(false);
        await RoundTripsAsync(output, concurrency: 64, total: 200_000, cancellationToken).ConfigureAwait(false);
        await RoundTripsAsync(output, concurrency: 512, total: 400_000, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Parses a ~8 MB buffer of recorded events over and over on this thread, for about three seconds.</summary>
    private static void Parse(TextWriter output, (byte[] Bytes, int Count) events, bool touchFields)
    {
        var copies = Math.Max(1, (8 * 1024 * 1024) / events.Bytes.Length);
        var buffer = new byte[events.Bytes.Length * copies];
        for (var i = 0; i < copies; i++) events.Bytes.CopyTo(buffer, i * events.Bytes.Length);
        var perPass = events.Count * copies;

        ParsePass(buffer, touchFields); // warm-up (tiered JIT)
        GC.Collect();
        var threadCpuBefore = ThreadCpuTime();
        var pausedBefore = GC.GetTotalPauseDuration();
        var stopwatch = Stopwatch.StartNew();
        long parsed = 0, bytes = 0;
        var passes = 0;
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(3) && passes < 10_000)
        {
            parsed += ParsePass(buffer, touchFields);
            bytes += buffer.Length;
            passes++;
        }
        var seconds = stopwatch.Elapsed.TotalSeconds;
        // Per core: CPU time of this thread plus the time the runtime stood still for GC, so a busy machine
        // (other processes taking the cores) does not count against the parser, and garbage collection does.
        var paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds;
        var cpuSeconds = (ThreadCpuTime() - threadCpuBefore).TotalSeconds + paused;
        if (parsed != (long)perPass * passes) throw new InvalidOperationException($"parsed {parsed}, expected {perPass * passes}");
        output.WriteLine(
            $"parse{(touchFields ? " + read Name, ActionID, 2 fields" : string.Empty),-34} {parsed / cpuSeconds,12:N0} events/s per core " +
            $"{bytes / cpuSeconds / 1e6,5:N0} MB/s  (wall {parsed / seconds:N0}/s; GC pauses {paused / seconds:P0}; avg {events.Bytes.Length / events.Count} B/event, {passes} passes)");
    }

    private static int ParsePass(byte[] buffer, bool touchFields)
    {
        var sequence = new ReadOnlySequence<byte>(buffer);
        var count = 0;
        var checksum = 0;
        while (AmiMessageParser.TryParse(ref sequence, MaxMessageSize, out var message))
        {
            count++;
            if (touchFields && message is AmiEvent amiEvent)
            {
                checksum += amiEvent.Name.Length + (amiEvent.ActionId?.Length ?? 0);
                checksum += (amiEvent["Channel"]?.Length ?? 0) + (amiEvent["Uniqueid"]?.Length ?? 0);
            }
        }
        return checksum >= 0 ? count : -1;
    }

    private static async Task RoundTripsAsync(TextWriter output, int concurrency, int total, CancellationToken cancellationToken)
    {
        await using var peer = LoopbackAmiPeer.Start();
        var options = new AmiOptions { Host = "127.0.0.1", Port = peer.Port, Username = "bench", Secret = "bench", Events = "off", PingInterval = TimeSpan.Zero };
        await using var client = new AmiClient(options);
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);

        var perWorker = total / concurrency;
        async Task Worker()
        {
            for (var i = 0; i < perWorker; i++)
            {
                var response = await client.SendActionAsync(new AmiAction("Ping"), null, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess) throw new InvalidOperationException("unexpected answer");
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Worker())).ConfigureAwait(false); // warm-up pass
        GC.Collect();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker, cancellationToken))).ConfigureAwait(false);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        var done = perWorker * concurrency;
        await output.WriteLineAsync(
            $"round trips, {concurrency,3} in flight{string.Empty,-18} {done / seconds,12:N0} actions/s wall  {done / cpuSeconds,12:N0} actions/CPU-s " +
            $"(client + peer; mean latency {seconds / perWorker * 1e6:N0} µs)").ConfigureAwait(false);
    }

    /// <summary>CPU time of the calling thread (Linux /proc; elsewhere the whole process, which over-counts).</summary>
    private static TimeSpan ThreadCpuTime()
    {
        const string stat = "/proc/thread-self/stat";
        if (!File.Exists(stat)) return Environment.CpuUsage.TotalTime;
        var text = File.ReadAllText(stat);
        // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15 (in 1/100 s).
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>The Event messages of every recorded <c>ami-events-*</c> stream, back to back.</summary>
    private static (byte[] Bytes, int Count)? LoadRecordedEvents()
    {
        if (FindFixtures() is not { } directory) return null;
        using var events = new MemoryStream();
        var count = 0;
        foreach (var file in Directory.GetFiles(directory, "ami-events-*.jsonl").Order(StringComparer.Ordinal))
        {
            var stream = new MemoryStream();
            foreach (var line in File.ReadLines(file))
            {
                using var json = JsonDocument.Parse(line);
                if (json.RootElement.GetProperty("dir").GetString() != "from_asterisk") continue;
                stream.Write(Convert.FromBase64String(json.RootElement.GetProperty("b64").GetString()!));
            }
            var sequence = new ReadOnlySequence<byte>(stream.ToArray());
            if (!AmiMessageParser.TryParseBanner(ref sequence, out _)) continue;
            while (true)
            {
                var before = sequence;
                if (!AmiMessageParser.TryParse(ref sequence, MaxMessageSize, out var message)) break;
                if (message is not AmiEvent) continue;
                events.Write(before.Slice(0, before.Length - sequence.Length).ToArray());
                count++;
            }
        }
        return count == 0 ? null : (events.ToArray(), count);
    }

    private static string? FindFixtures()
    {
        if (Environment.GetEnvironmentVariable("BOTPBX_FIXTURES_DIR") is { Length: > 0 } configured)
        {
            return Directory.Exists(Path.Combine(configured, "asterisk-22")) ? Path.Combine(configured, "asterisk-22") : configured;
        }
        // The captures are copied into the AMI tests; run from anywhere inside the repository.
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "BotPbx.Asterisk.Tests", "Ami", "Fixtures");
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>
    /// The smallest AMI peer that can serve the benchmark: banner, then every action is answered
    /// <c>Response: Success</c> with its ActionID. Answers to one read are written with one flush.
    /// </summary>
    private sealed class LoopbackAmiPeer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private Task _serve = Task.CompletedTask;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static LoopbackAmiPeer Start()
        {
            var peer = new LoopbackAmiPeer();
            peer._listener.Start();
            peer._serve = peer.ServeAsync();
            return peer;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            _listener.Stop();
            try
            {
                await _serve.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // Stopping.
            }
            _stop.Dispose();
        }

        private async Task ServeAsync()
        {
            using var socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            socket.NoDelay = true;
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var reader = PipeReader.Create(stream);
            var writer = PipeWriter.Create(stream);
            await writer.WriteAsync("Asterisk Call Manager/11.0.0\r\n"u8.ToArray(), _stop.Token).ConfigureAwait(false);
            while (true)
            {
                var result = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                var answered = false;
                while (TryReadAction(ref buffer, out var actionId))
                {
                    writer.Write("Response: Success\r\nActionID: "u8);
                    writer.Write(actionId);
                    writer.Write("\r\nPing: Pong\r\n\r\n"u8);
                    answered = true;
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (answered) await writer.FlushAsync(_stop.Token).ConfigureAwait(false);
                if (result.IsCompleted) return;
            }
        }

        private static bool TryReadAction(ref ReadOnlySequence<byte> buffer, out byte[] actionId)
        {
            actionId = [];
            var reader = new SequenceReader<byte>(buffer);
            if (!reader.TryReadTo(out ReadOnlySequence<byte> action, "\r\n\r\n"u8)) return false;
            var text = Encoding.ASCII.GetString(action.ToArray());
            var start = text.IndexOf("ActionID: ", StringComparison.OrdinalIgnoreCase) + "ActionID: ".Length;
            var end = text.IndexOf('\r', start);
            actionId = Encoding.ASCII.GetBytes(end < 0 ? text[start..] : text[start..end]);
            buffer = buffer.Slice(reader.Position);
            return true;
        }
    }
}
