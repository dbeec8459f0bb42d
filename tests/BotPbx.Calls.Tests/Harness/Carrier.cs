using System.Diagnostics;
using System.Globalization;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// A carrier's side of a SIP trunk played by SIPp (Debian's sip-tester in the root): it answers the calls BotPBX sends
/// out with a scripted status (200 with audio, or 503) and keeps every SIP message it saw, so a test can read the
/// request line (the number dialled) and the From header (the caller ID) exactly as a carrier would receive them.
/// </summary>
public sealed class Carrier : IAsyncDisposable
{
    private readonly Process _process;

    private Carrier(string address, int port, string directory, Process process)
    {
        Address = address;
        Port = port;
        Directory = directory;
        _process = process;
    }

    public string Address { get; }
    public int Port { get; }
    public string Directory { get; }
    private string MessageLog => Path.Combine(Directory, "messages.log");

    /// <summary>Starts a carrier on <paramref name="address"/> that answers every INVITE with <paramref name="status"/>.</summary>
    public static Task<Carrier> StartAsync(PbxFixture pbx, string address, int status, CancellationToken cancellationToken = default) =>
        StartScenarioAsync(pbx, address, _ => status == 200 ? AnswerScenario : RefuseScenario(status), cancellationToken);

    /// <summary>A subscriber who answers and speaks <paramref name="wav"/> (8 kHz, any format sox reads) into every call: SIPp's rtp_stream.</summary>
    public static async Task<Carrier> StartSpeakingAsync(PbxFixture pbx, string address, string wav, CancellationToken cancellationToken = default)
    {
        var ulaw = Path.Combine(Path.GetDirectoryName(wav)!, Path.GetFileNameWithoutExtension(wav) + "-ulaw.wav");
        using (var sox = pbx.Root.Start([pbx.WorkDirectory], ["/usr/bin/sox", wav, "-r", "8000", "-c", "1", "-e", "u-law", ulaw], ulaw + ".log"))
            await sox.WaitForExitAsync(cancellationToken);
        return await StartScenarioAsync(pbx, address, _ => SpeakingScenario(ulaw), cancellationToken);
    }

    /// <summary>A subscriber whose phone rings and is never answered (180, then 487 when the call is cancelled).</summary>
    public static Task<Carrier> StartRingingAsync(PbxFixture pbx, string address, CancellationToken cancellationToken = default) =>
        StartScenarioAsync(pbx, address, _ => RingingScenario, cancellationToken);

    private static async Task<Carrier> StartScenarioAsync(PbxFixture pbx, string address, Func<string, string> scenarioText, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(pbx.WorkDirectory, "carriers", address + "-" + Guid.NewGuid().ToString("N")[..6]);
        System.IO.Directory.CreateDirectory(dir);
        var port = Ports.FreeUdpAndTcp(address);
        var scenario = Path.Combine(dir, "scenario.xml");
        await File.WriteAllTextAsync(scenario, scenarioText(dir), cancellationToken);
        var media = Ports.FreeUdpRange(address, 4);
        var process = pbx.Root.Start([pbx.WorkDirectory],
        [
            "/usr/bin/sipp", "-sf", scenario, "-i", address, "-p", port.ToString(CultureInfo.InvariantCulture),
            "-mi", address, "-mp", media.ToString(CultureInfo.InvariantCulture), "-trace_msg", "-message_file", Path.Combine(dir, "messages.log"),
            "-nostdin", "-timeout_error", "-aa",
        ], Path.Combine(dir, "sipp.log"));
        await Task.Delay(300, cancellationToken);
        if (process.HasExited) throw new InvalidOperationException("SIPp exited at start; see " + Path.Combine(dir, "sipp.log"));
        return new Carrier(address, port, dir, process);
    }

    /// <summary>The INVITE requests received so far, as text.</summary>
    public IReadOnlyList<string> Invites()
    {
        if (!File.Exists(MessageLog)) return [];
        var text = File.ReadAllText(MessageLog);
        // SIPp's -trace_msg writes each message after a "-----… timestamp" line and a "UDP message received" line.
        return System.Text.RegularExpressions.Regex.Split(text.Replace("\r", "", StringComparison.Ordinal), "^-{10,}.*$",
                System.Text.RegularExpressions.RegexOptions.Multiline)
            .Where(block => block.Contains("message received", StringComparison.Ordinal) && block.Contains("INVITE sip:", StringComparison.Ordinal))
            .Select(block => block[block.IndexOf("INVITE sip:", StringComparison.Ordinal)..])
            .ToList();
    }

    public async Task<string> WaitForInviteAsync(TimeSpan limit, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (Invites() is [var first, ..]) return first;
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"carrier {Address} received no INVITE within {limit}");
    }

    /// <summary>The user part of the request URI: the number the carrier is asked to call.</summary>
    public static string DialledNumber(string invite) => invite["INVITE sip:".Length..invite.IndexOf('@', StringComparison.Ordinal)];

    /// <summary>The user part of the From header: the caller ID the carrier sees.</summary>
    public static string CallerNumber(string invite)
    {
        var from = invite.Split('\n').First(l => l.StartsWith("From:", StringComparison.OrdinalIgnoreCase));
        var start = from.IndexOf("sip:", StringComparison.Ordinal) + 4;
        return from[start..from.IndexOf('@', start)];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    // SIPp scenarios: the carrier answers with audio-less SDP on its media port, or refuses.
    private const string AnswerScenario = """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="carrier answers">
          <recv request="INVITE" />
          <send><![CDATA[
        SIP/2.0 100 Trying
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]SIPpTag01[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Content-Length: 0

        ]]></send>
          <send retrans="500"><![CDATA[
        SIP/2.0 200 OK
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]SIPpTag01[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Contact: <sip:carrier@[local_ip]:[local_port];transport=[transport]>
        Content-Type: application/sdp
        Content-Length: [len]

        v=0
        o=carrier 1 1 IN IP4 [media_ip]
        s=-
        c=IN IP4 [media_ip]
        t=0 0
        m=audio [media_port] RTP/AVP 0
        a=rtpmap:0 PCMU/8000

        ]]></send>
          <recv request="ACK" />
          <recv request="BYE" />
          <send><![CDATA[
        SIP/2.0 200 OK
        [last_Via:]
        [last_From:]
        [last_To:]
        [last_Call-ID:]
        [last_CSeq:]
        Content-Length: 0

        ]]></send>
        </scenario>
        """;

    private static string SpeakingScenario(string ulawWav) => AnswerScenario.Replace("""  <recv request="ACK" />""",
        $"""
          <recv request="ACK" />
          <nop><action><exec rtp_stream="{ulawWav},1,0" /></action></nop>
        """, StringComparison.Ordinal);

    private const string RingingScenario = """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="subscriber does not answer">
          <recv request="INVITE" />
          <send><![CDATA[
        SIP/2.0 180 Ringing
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]SIPpTag03[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Content-Length: 0

        ]]></send>
          <recv request="CANCEL" />
          <send><![CDATA[
        SIP/2.0 200 OK
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]SIPpTag03[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Content-Length: 0

        ]]></send>
          <send><![CDATA[
        SIP/2.0 487 Request Terminated
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]SIPpTag03[call_number]
        [last_Call-ID:]
        CSeq: [last_cseq_number] INVITE
        Content-Length: 0

        ]]></send>
          <recv request="ACK" />
        </scenario>
        """;

    private static string RefuseScenario(int status) => $"""
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="carrier refuses">
          <recv request="INVITE" />
          <send><![CDATA[
        SIP/2.0 {status} Refused By Test Carrier
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]SIPpTag02[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Content-Length: 0

        ]]></send>
          <recv request="ACK" />
        </scenario>
        """;
}
