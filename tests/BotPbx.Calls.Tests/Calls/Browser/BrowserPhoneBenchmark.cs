using System.Diagnostics;
using System.Globalization;
using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;
using Xunit.Abstractions;

namespace BotPbx.Calls.Tests.Calls.Browser;

/// <summary>
/// Figures, not checks (tests never assert timings): how long the browser phone takes from the Call click to the
/// other phone's answer (SIP over WebSocket, ICE gathering, the INVITE), and from that answer to the first sound of the
/// browser heard at the other end (ICE checks, the DTLS handshake, SRTP); and how long a supervisor waits from
/// POST /api/calls/monitor to the session being up (their desk phone answers at once). Printed and written to
/// artifacts/test-results/webrtc-latency.txt.
/// </summary>
[Collection(RealPbx.Name)]
public sealed class BrowserPhoneBenchmark(PbxFixture pbx, ITestOutputHelper output)
{
    private static readonly int Calls = BenchmarkSample.Calls(full: 10, quick: 3);

    [CallFact]
    public async Task Browser_call_setup_and_monitoring_start()
    {
        var agent = await pbx.CreateUserAsync();
        await pbx.CreateBrowserExtensionAsync(agent, "Bench Web");
        var desk = await pbx.CreateExtensionAsync("Bench Desk");
        var supervisor = await pbx.CreateUserAsync("supervisor");
        var supervisorExtension = await pbx.CreateExtensionAsync("Bench Supervisor", customize: body => body["userId"] = supervisor.Id);
        await pbx.Api.ApplyAsync();
        await using var deskPhone = await pbx.PhoneAsync(desk, toneHz: 440);
        await using var supervisorPhone = await pbx.PhoneAsync(supervisorExtension, toneHz: 880);
        await using var browser = await pbx.BrowserPhoneAsync(agent, toneHz: 660);
        using var supervisorApi = await pbx.ClientAsync(supervisor);

        var setups = new List<double>();
        var media = new List<double>();
        var monitors = new List<double>();
        for (var i = 0; i < Calls; i++)
        {
            File.Delete(deskPhone.HeardFile);
            var clock = Stopwatch.StartNew();
            await browser.DialAsync(desk.Number);
            await deskPhone.WaitForEventAsync("CALL_ESTABLISHED", TimeSpan.FromSeconds(30));
            setups.Add(clock.Elapsed.TotalMilliseconds);
            await browser.WaitForCallAsync(desk.Number);

            var channels = await supervisorApi.GetJsonAsync("api/calls/monitor/channels");
            var channel = channels.Body["items"]!.AsArray().Select(c => c!["channel"]!.ToString())
                .First(c => c.StartsWith("PJSIP/" + desk.Number + "-", StringComparison.Ordinal));
            var monitorClock = Stopwatch.StartNew();
            var (status, body) = await supervisorApi.PostJsonAsync("api/calls/monitor", new { channel, mode = "listen", device = "phone" });
            monitors.Add(monitorClock.Elapsed.TotalMilliseconds);
            Assert.True(status == 200, body.ToJsonString());
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            await supervisorPhone.HangUpAsync();
            await deskPhone.HangUpAsync();
            await deskPhone.WaitForEventAsync("CALL_CLOSED");
            await browser.WaitForCallEndedAsync(desk.Number);
            var heard = await deskPhone.HeardAsync();
            media.Add(Tones.FirstSound(heard)?.TotalMilliseconds ?? double.NaN);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var lines = new[]
        {
            Line("browser Call click → desk phone answered (SIP over ws, ICE gathering, INVITE)", setups),
            Line("  desk answered → first sound of the browser in its recording (ICE, DTLS, SRTP)", media),
            Line("POST /api/calls/monitor → session up (Originate, supervisor's desk phone answers)", monitors),
        };
        foreach (var line in lines) output.WriteLine(line);
        var artifacts = Directory.CreateDirectory(Path.Combine(AsteriskRoot.RepositoryRoot(), "artifacts", "test-results")).FullName;
        await File.WriteAllTextAsync(Path.Combine(artifacts, "webrtc-latency.txt"), $"{DateTimeOffset.UtcNow:O}\n{string.Join('\n', lines)}\n");
        Assert.Equal(Calls, setups.Count);
    }

    private static string Line(string what, List<double> samples)
    {
        var sorted = samples.Where(s => !double.IsNaN(s)).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"{what}: p50 {Percentile(sorted, 0.5):F0} ms, p90 {Percentile(sorted, 0.9):F0} ms, min {sorted[0]:F0}, max {sorted[^1]:F0} over {sorted.Count} calls");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
