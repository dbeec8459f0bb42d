using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using BotPbx.TestSupport;
using BotPbx.TestSupport.Asterisk;
using Xunit.Abstractions;

namespace BotPbx.Api.IntegrationTests.Live;

/// <summary>
/// Figure, not a check of speed (issue 10): the delay from an AMI event leaving Asterisk's socket to the matching
/// seed 003 event reaching a /ws client, both on loopback TCP, through the real service process (AMI reader →
/// subscription → live model → event bus → WebSocket). A scripted AMI peer plays Asterisk, pushing a Newchannel,
/// waiting for call.new, then a Hangup, waiting for call.end, one call at a time. p50/p99 go to
/// artifacts/test-results/live-delay.txt. The test only checks that every event arrived.
/// </summary>
public sealed class LiveDelayBenchmark(ITestOutputHelper output)
{
    private const int Calls = 500;

    [Fact]
    public async Task Delay_from_an_AMI_event_to_a_ws_client_is_measured()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ami = FakeAmiServer.Start(new FakeAmiServerOptions { Username = "botpbx", Secret = "ami-Secret-for-bench-1" });
        ami.Handler = request => request.Action switch
        {
            "CoreShowChannels" => FakeAmiReplies.EventList(request, "CoreShowChannelsComplete", []),
            "QueueStatus" => FakeAmiReplies.EventList(request, "QueueStatusComplete", []),
            "ExtensionStateList" => FakeAmiReplies.EventList(request, "ExtensionStateListComplete", []),
            "PJSIPShowContacts" => FakeAmiReplies.EventList(request, "ContactListComplete", []),
            _ => null,
        };
        var config = Directory.CreateTempSubdirectory("botpbx-live-bench-").FullName;
        var (process, port) = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["BOTPBX_DATABASE_URL"] = database.ConnectionString,
            ["BOTPBX_ADMIN_EMAIL"] = ApiFactory.AdminEmail,
            ["BOTPBX_ADMIN_PASSWORD"] = ApiFactory.AdminPassword,
            ["AMI_HOST"] = ami.Host,
            ["AMI_PORT"] = ami.Port.ToString(CultureInfo.InvariantCulture),
            ["AMI_USER"] = "botpbx",
            ["AMI_SECRET"] = "ami-Secret-for-bench-1",
            ["ASTERISK_CONFIG_DIR"] = config,
            ["Logging__LogLevel__Default"] = "Warning",
        }, TimeSpan.FromSeconds(90));
        try
        {
            using var connected = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await ami.WaitForLoginsAsync(1, connected.Token);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            using var login = await http.PostAsJsonAsync("api/auth/login", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/ws"), CancellationToken.None);
            var ws = new WsClient(socket);
            await ws.AuthenticateAsync(token);
            await ws.SendAsync("""{"type":"subscribe","events":["call.*"]}""");
            await ws.NextAsync();

            var started = new List<double>();
            var ended = new List<double>();
            for (var i = 0; i < Calls + 20; i++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"1795300000.{i}");
                var channel = string.Create(CultureInfo.InvariantCulture, $"PJSIP/2001-{i:x8}");
                var begin = Stopwatch.GetTimestamp();
                await ami.PushEventAsync(LiveFixture.Newchannel(channel, id, id, "Ring", "2001", "2002"), CancellationToken.None);
                Assert.Equal(id, (await ws.NextEventAsync("call.new")).GetProperty("call_id").GetString());
                var newDelay = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
                begin = Stopwatch.GetTimestamp();
                await ami.PushEventAsync(LiveFixture.Hangup(channel, id, id), CancellationToken.None);
                Assert.Equal(id, (await ws.NextEventAsync("call.end")).GetProperty("call_id").GetString());
                // The first 20 warm the JIT and connection pools up; they are not counted.
                if (i < 20) continue;
                started.Add(newDelay);
                ended.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            }
            var all = started.Concat(ended).Order().ToList();
            var lines = new[]
            {
                $"AMI event → /ws client on loopback, {all.Count} events ({Calls} calls: Newchannel → call.new, Hangup → call.end), one at a time:",
                string.Create(CultureInfo.InvariantCulture, $"p50 {Percentile(all, 0.50):F2} ms, p90 {Percentile(all, 0.90):F2} ms, p99 {Percentile(all, 0.99):F2} ms, max {all[^1]:F2} ms"),
                string.Create(CultureInfo.InvariantCulture, $"call.new p50 {Percentile([.. started.Order()], 0.5):F2} ms; call.end p50 {Percentile([.. ended.Order()], 0.5):F2} ms"),
                $"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}",
            };
            foreach (var line in lines) output.WriteLine(line);
            var artifacts = Directory.CreateDirectory(RepositoryFile.Path("artifacts/test-results")).FullName;
            await File.WriteAllTextAsync(Path.Combine(artifacts, "live-delay.txt"), $"{DateTimeOffset.UtcNow:O}\n{string.Join('\n', lines)}\n");
            Assert.Equal(Calls, started.Count);
        }
        finally
        {
            ApiProcess.Stop(process);
            Directory.Delete(config, recursive: true);
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
