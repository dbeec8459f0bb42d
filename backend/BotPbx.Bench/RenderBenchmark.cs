using System.Diagnostics;
using System.Globalization;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Rendering;

namespace BotPbx.Bench;

/// <summary>Validates, renders and writes a large PBX: 10,000 extensions, 500 trunks, 2,000 routes (1,500 in, 500 out).</summary>
public sealed class RenderBenchmark : IBenchmark
{
    private const int Extensions = 10_000;
    private const int Trunks = 500;
    private const int InboundRoutes = 1_500;
    private const int OutboundRoutes = 500;
    private const int Rounds = 3;

    public string Name => "render";

    public string Description => $"render + write Asterisk config for {Extensions:N0} extensions, {Trunks} trunks, {InboundRoutes + OutboundRoutes:N0} routes";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var config = Build();
        var options = new RenderOptions { AmiSecret = "bench-Secret-0123456789", AriSecret = "bench-Secret-9876543210" };
        var dir = Path.Combine(Path.GetTempPath(), "botpbx-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Warm-up round (JIT, regex construction) is not reported.
            await ConfigRenderer.WriteAsync(ConfigRenderer.Render(config, options), dir, cancellationToken).ConfigureAwait(false);
            for (var round = 1; round <= Rounds; round++)
            {
                GC.Collect();
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var started = Stopwatch.GetTimestamp();
                // Render validates again itself; timing validation alone shows how the total splits.
                _ = BotPbx.Telephony.Validation.PbxValidator.Validate(config);
                var validation = Stopwatch.GetElapsedTime(started);
                started = Stopwatch.GetTimestamp();
                var rendered = ConfigRenderer.Render(config, options);
                var rendering = Stopwatch.GetElapsedTime(started);
                await ConfigRenderer.WriteAsync(rendered, dir, cancellationToken).ConfigureAwait(false);
                var total = Stopwatch.GetElapsedTime(started);
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore; // includes the extra validation
                var bytes = rendered.Files.Values.Sum(t => (long)t.Length);
                using var process = Process.GetCurrentProcess();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: validate {validation.TotalMilliseconds,5:F0} ms; validate+render {rendering.TotalMilliseconds,5:F0} ms, +write {total.TotalMilliseconds,5:F0} ms, " +
                    $"output {bytes / 1048576.0:F1} MiB in {rendered.Files.Count} files, allocated {allocated / 1048576.0:F0} MiB, " +
                    $"peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB"));
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static PbxConfiguration Build()
    {
        static string S(long n) => n.ToString(CultureInfo.InvariantCulture);
        var extensions = Enumerable.Range(0, Extensions).Select(i => new Extension
        {
            Id = i + 1, Number = S(10_000 + i), Name = "User " + S(i), Secret = "Bench-secret-" + S(i) + "-xyz",
            Email = "user" + S(i) + "@example.com", Voicemail = new VoicemailSettings { Pin = S(1000 + (i % 9000)), EmailNotification = i % 3 == 0 },
            Recording = (RecordingPolicy)(i % 3), WebRtc = i % 4 == 0, CallWaiting = i % 5 != 0,
            FollowMe = i % 10 == 0 ? [new FollowMeStep("+1212555" + S(1000 + i % 9000), 20)] : [],
        }).ToList();
        var trunks = Enumerable.Range(1, Trunks).Select(i => new Trunk
        {
            Id = i, Name = "Trunk " + S(i), Host = "sip" + S(i) + ".example.com", Register = i % 2 == 0,
            Username = "user" + S(i), Password = "Pass-" + S(i), Codecs = ["opus", "ulaw", "alaw"],
        }).ToList();
        var inbound = Enumerable.Range(1, InboundRoutes).Select(i => new InboundRoute
        {
            Id = i, Name = "DID " + S(i), Did = "+1212" + S(5_000_000 + i), TrunkId = i % 2 == 0 ? 1 + i % Trunks : null,
            Destination = Destination.To(DestinationType.Extension, 1 + i % Extensions),
        }).ToList();
        var outbound = Enumerable.Range(1, OutboundRoutes).Select(i => new OutboundRoute
        {
            Id = i, Name = "Route " + S(i), Position = i, Patterns = ["_9" + S(100 + i % 900) + "XXXXXXX"], Strip = 1,
            TrunkIds = [1 + i % Trunks, 1 + (i + 1) % Trunks],
            AllowedExtensionIds = i % 5 == 0 ? Enumerable.Range(1 + i, 20).ToList().ConvertAll(x => (long)x) : [],
        }).ToList();
        return new PbxConfiguration { Extensions = extensions, Trunks = trunks, InboundRoutes = inbound, OutboundRoutes = outbound };
    }
}
