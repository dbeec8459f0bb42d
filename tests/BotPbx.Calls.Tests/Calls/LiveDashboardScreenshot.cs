using System.Globalization;
using System.Text;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>
/// The dashboard as a user sees it with 30 live calls on the real PBX, for people to look at
/// (<c>artifacts/test-results/screenshots/dashboard-30-calls.png</c>): 22 SIPp calls talking in a conference room,
/// 6 SIPp callers waiting in a queue whose three agents' phones ring, and 2 calls between baresip desk phones. It checks
/// that the page lists all 30 and the queue's waiting callers, which it must for the picture to mean anything.
/// </summary>
[Collection(RealPbx.Name)]
public sealed class LiveDashboardScreenshot(PbxFixture pbx)
{
    private const int ConferenceCalls = 22;
    private const int QueueCalls = 6;

    [CallFact]
    public async Task The_dashboard_shows_thirty_live_calls_the_extension_board_and_the_queue_wallboard()
    {
        Assert.True(Harness.Browser.Requirements() is null, Harness.Browser.Requirements());
        var sipp = await pbx.CreateExtensionAsync("SIPp trunk tester");
        var agents = new List<ExtensionInfo>();
        foreach (var name in new[] { "Maria Lopez", "Tom Becker", "Aiko Tanaka" }) agents.Add(await pbx.CreateExtensionAsync(name));
        var desks = new List<ExtensionInfo>();
        foreach (var name in new[] { "Reception", "Sales desk", "Support desk", "Warehouse" }) desks.Add(await pbx.CreateExtensionAsync(name));
        await pbx.CreateExtensionAsync("Meeting room");
        await pbx.CreateExtensionAsync("Night line", customize: e => e["doNotDisturb"] = true);
        var room = await pbx.Api.PostAsync("api/conferences", new { number = pbx.NextNumber(), name = "All hands" });
        var queueNumber = pbx.NextNumber();
        await pbx.Api.PostAsync("api/queues", new
        {
            number = queueNumber, name = "Sales", strategy = "ringall", mohClass = "default", announcePosition = false,
            allowDynamicMembers = false, members = agents.Select(a => new { extensionId = a.Id, penalty = 0 }).ToArray(),
        });
        await pbx.Api.ApplyAsync();

        var phones = new List<Phone>();
        try
        {
            foreach (var agent in agents) phones.Add(await pbx.PhoneAsync(agent, autoAnswer: false));
            foreach (var desk in desks) phones.Add(await pbx.PhoneAsync(desk));
            // Two desk-to-desk calls.
            await phones[3].CallAsync(pbx.Uri(desks[1].Number));
            await phones[5].CallAsync(pbx.Uri(desks[3].Number));

            var dialled = Enumerable.Repeat(room["number"]!.GetValue<string>(), ConferenceCalls).Concat(Enumerable.Repeat(queueNumber, QueueCalls)).ToList();
            // Held long enough for a slow browser start; ended as soon as the picture is taken.
            using var release = new CancellationTokenSource();
            var held = HoldCallsAsync(sipp, dialled, TimeSpan.FromSeconds(70), release.Token);

            await using var browser = await pbx.BrowserAsync("dashboard");
            await browser.EvalAsync("document.body.style.zoom = '1'");
            await browser.WaitForAsync("[data-testid=live-calls]", TimeSpan.FromSeconds(60));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            var rows = 0;
            while (DateTime.UtcNow < deadline && (rows = await browser.CountAsync("tr[data-call-id]")) < 30) await Task.Delay(500);
            await Task.Delay(TimeSpan.FromSeconds(3)); // let timers tick and the board settle
            var shot = await browser.ScreenshotAsync("dashboard-30-calls.png", fullPage: true);
            var artifacts = Directory.CreateDirectory(Path.Combine(AsteriskRoot.RepositoryRoot(), "artifacts", "test-results", "screenshots")).FullName;
            File.Copy(shot, Path.Combine(artifacts, "dashboard-30-calls.png"), overwrite: true);

            Assert.True(rows >= 30, $"the dashboard listed {rows} calls");
            Assert.Equal(QueueCalls.ToString(CultureInfo.InvariantCulture), await browser.TextAsync($"[data-queue=\"{queueNumber}\"] [data-testid=queue-waiting]"));
            await release.CancelAsync();
            await held;
            // SIPp is gone without its BYEs: Asterisk ends the calls it left, so the next test starts on an idle PBX.
            await pbx.Asterisk.CliOutputAsync("channel request hangup all");
        }
        finally
        {
            foreach (var phone in phones) await phone.DisposeAsync();
        }
    }

    /// <summary>SIPp places every call as <paramref name="extension"/> (digest auth), holds each answered call, then hangs up.</summary>
    private async Task HoldCallsAsync(ExtensionInfo extension, IReadOnlyList<string> numbers, TimeSpan hold, CancellationToken release)
    {
        var dir = Path.Combine(pbx.WorkDirectory, "sipp-hold-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "dial.csv"), "SEQUENTIAL\n" + string.Concat(numbers.Select(n => n + ";\n")), CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(dir, "uac.xml"), Scenario(extension, hold), CancellationToken.None);
        var port = Ports.FreeUdpAndTcp();
        int code;
        string output;
        try
        {
            (code, output) = await pbx.Root.RunAsync([pbx.WorkDirectory],
            [
                "/usr/bin/sipp", pbx.SipAddress, "-sf", Path.Combine(dir, "uac.xml"), "-inf", Path.Combine(dir, "dial.csv"),
                "-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-m", numbers.Count.ToString(CultureInfo.InvariantCulture),
                "-r", "10", "-l", "40", "-nostdin", "-recv_timeout", "120000", "-timeout", "150s",
                "-trace_err", "-error_file", Path.Combine(dir, "errors.log"),
            ], TimeSpan.FromSeconds(180), release);
        }
        catch (OperationCanceledException) when (release.IsCancellationRequested)
        {
            (code, output) = (-1, "stopped once the screenshot was taken");
        }
        await File.WriteAllTextAsync(Path.Combine(dir, "sipp.log"), $"exit {code}\n{output}", CancellationToken.None);
    }

    private static string Scenario(ExtensionInfo extension, TimeSpan hold)
    {
        var from = $"<sip:{extension.Number}@[remote_ip]:[remote_port]>;tag=[pid]H[call_number]";
        string Invite(int cseq, bool auth) => InviteText(cseq, auth ? $"[authentication username={extension.Number} password={extension.Secret}]\n" : "");
        string InviteText(int cseq, string authLine) => $"""
              <send retrans="500"><![CDATA[
            INVITE sip:[field0]@[remote_ip]:[remote_port] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: {from}
            To: <sip:[field0]@[remote_ip]:[remote_port]>
            Call-ID: [call_id]
            CSeq: {cseq} INVITE
            Contact: <sip:{extension.Number}@[local_ip]:[local_port]>
            {authLine}Max-Forwards: 70
            Content-Type: application/sdp
            Content-Length: [len]

            v=0
            o=hold 1 1 IN IP4 [local_ip]
            s=-
            c=IN IP4 [local_ip]
            t=0 0
            m=audio [media_port] RTP/AVP 0
            a=rtpmap:0 PCMU/8000

            ]]></send>

            """;
        var text = new StringBuilder();
        text.Append("""<?xml version="1.0" encoding="ISO-8859-1" ?>""").Append('\n').Append("<scenario name=\"held calls\">\n");
        text.Append(Invite(1, auth: false));
        text.Append("""
              <recv response="100" optional="true" />
              <recv response="401" auth="true" />
              <send><![CDATA[
            ACK sip:[field0]@[remote_ip]:[remote_port] SIP/2.0
            [last_Via:]
            From: 
            """).Append(from).Append("""

            [last_To:]
            Call-ID: [call_id]
            CSeq: 1 ACK
            Max-Forwards: 70
            Content-Length: 0

            ]]></send>

            """);
        text.Append(Invite(2, auth: true));
        text.Append(string.Create(CultureInfo.InvariantCulture, $"""
              <recv response="100" optional="true" />
              <recv response="180" optional="true" />
              <recv response="183" optional="true" />
              <recv response="200" rrs="true" />
              <send><![CDATA[
            ACK [next_url] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: {from}
            [last_To:]
            Call-ID: [call_id]
            CSeq: 2 ACK
            Contact: <sip:{extension.Number}@[local_ip]:[local_port]>
            Max-Forwards: 70
            Content-Length: 0

            ]]></send>
              <pause milliseconds="{(int)hold.TotalMilliseconds}" />
              <send retrans="500"><![CDATA[
            BYE [next_url] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: {from}
            [last_To:]
            Call-ID: [call_id]
            CSeq: 3 BYE
            Contact: <sip:{extension.Number}@[local_ip]:[local_port]>
            Max-Forwards: 70
            Content-Length: 0

            ]]></send>
              <recv response="200" />
            </scenario>

            """));
        return text.ToString();
    }
}
