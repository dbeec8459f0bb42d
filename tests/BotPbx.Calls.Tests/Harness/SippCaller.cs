using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// A registered phone's worth of calls at machine speed: SIPp (in the root) calls every given dial string as the
/// extension, answering the PBX's digest challenge with the extension's password, and hangs up whatever answers.
/// </summary>
public static partial class SippCaller
{
    /// <summary>Calls placed, calls that ran the script to its end (answered or refused), and calls that went wrong.</summary>
    public sealed record Result(int Sent, int Completed, int Failed);

    public static async Task<Result> CallEachAsync(PbxFixture pbx, ExtensionInfo extension, IReadOnlyList<string> dialStrings, TimeSpan limit)
    {
        var dir = Path.Combine(pbx.WorkDirectory, "sipp-caller-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(dir);
        var csv = new StringBuilder("SEQUENTIAL\n");
        foreach (var s in dialStrings) csv.Append(Escape(s)).Append(";\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "dial.csv"), csv.ToString());
        await File.WriteAllTextAsync(Path.Combine(dir, "uac.xml"), Scenario(extension));
        var port = Ports.FreeUdpAndTcp();
        var (code, output) = await pbx.Root.RunAsync([pbx.WorkDirectory],
        [
            "/usr/bin/sipp", pbx.SipAddress, "-sf", Path.Combine(dir, "uac.xml"), "-inf", Path.Combine(dir, "dial.csv"),
            "-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-m", dialStrings.Count.ToString(CultureInfo.InvariantCulture),
            "-r", "50", "-l", "30", "-nostdin", "-recv_timeout", "8000", "-timeout", ((int)limit.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s",
            "-trace_screen", "-screen_file", Path.Combine(dir, "screen.log"), "-trace_err", "-error_file", Path.Combine(dir, "errors.log"),
            "-max_recv_loops", "1000",
        ], limit + TimeSpan.FromSeconds(30));
        await File.WriteAllTextAsync(Path.Combine(dir, "sipp.log"), $"exit {code}\n{output}");
        var screen = File.Exists(Path.Combine(dir, "screen.log")) ? await File.ReadAllTextAsync(Path.Combine(dir, "screen.log")) : output;
        int Counter(string label)
        {
            var m = Regex.Match(screen, label + @"\s*\|\s*\d+\s*\|\s*(\d+)");
            return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        }
        var successful = Counter("Successful call");
        var failed = Counter("Failed call");
        var created = Counter("Outgoing calls created") is var c and > 0 ? c : successful + failed;
        return new Result(created, successful, failed);
    }

    /// <summary>
    /// Percent-encodes what may not stand in a SIP URI's user part (RFC 3261 25.1), and ';' which SIPp's CSV uses to
    /// split fields. '&amp;', ',', '(', ')', '$' and '/' are legal there and stay raw: that is how the attack arrives.
    /// </summary>
    internal static string Escape(string value)
    {
        var b = new StringBuilder();
        foreach (var ch in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)ch;
            if (char.IsAsciiLetterOrDigit(c) || "-_.!~*'()&=+$,?/".Contains(c, StringComparison.Ordinal)) b.Append(c);
            else b.Append('%').Append(ch.ToString("X2", CultureInfo.InvariantCulture));
        }
        return b.ToString();
    }

    /// <summary>The ACK of a final answer other than 2xx: same branch as the INVITE it answers (RFC 3261 17.1.1.3).</summary>
    private static string RefusalAck(string from, int cseq) => $"""
          <send><![CDATA[
        ACK sip:[field0]@[remote_ip]:[remote_port] SIP/2.0
        [last_Via:]
        From: {from}
        [last_To:]
        Call-ID: [call_id]
        CSeq: {cseq} ACK
        Max-Forwards: 70
        Content-Length: 0

        ]]></send>

        """;

    private static string Scenario(ExtensionInfo extension)
    {
        var from = $"<sip:{extension.Number}@[remote_ip]:[remote_port]>;tag=[pid]F[call_number]";
        var codes = new[] { 400, 403, 404, 408, 410, 416, 420, 480, 481, 484, 485, 486, 487, 488, 500, 501, 502, 503, 504, 603 };
        var failures = string.Concat(codes.Select(code => $"""  <recv response="{code}" optional="true" next="refused" />""" + "\n"));
        return $"""
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="hostile dial strings">
              <send retrans="500"><![CDATA[
            INVITE sip:[field0]@[remote_ip]:[remote_port] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: {from}
            To: <sip:[field0]@[remote_ip]:[remote_port]>
            Call-ID: [call_id]
            CSeq: 1 INVITE
            Contact: <sip:{extension.Number}@[local_ip]:[local_port]>
            Max-Forwards: 70
            Content-Length: 0

            ]]></send>
              <recv response="100" optional="true" />
            {string.Concat(codes.Select(code => $"""  <recv response="{code}" optional="true" next="refusedFirst" />""" + "\n"))}  <recv response="401" auth="true" />
            {RefusalAck(from, 1)}  <send retrans="500"><![CDATA[
            INVITE sip:[field0]@[remote_ip]:[remote_port] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: {from}
            To: <sip:[field0]@[remote_ip]:[remote_port]>
            Call-ID: [call_id]
            CSeq: 2 INVITE
            Contact: <sip:{extension.Number}@[local_ip]:[local_port]>
            [authentication username={extension.Number} password={extension.Secret}]
            Max-Forwards: 70
            Content-Type: application/sdp
            Content-Length: [len]

            v=0
            o=fuzz 1 1 IN IP4 [local_ip]
            s=-
            c=IN IP4 [local_ip]
            t=0 0
            m=audio [media_port] RTP/AVP 0
            a=rtpmap:0 PCMU/8000

            ]]></send>
              <recv response="100" optional="true" />
              <recv response="180" optional="true" />
              <recv response="183" optional="true" />
              <recv response="200" optional="true" rrs="true" next="answered" />
            {failures}  <recv response="404" next="refused" />
              <label id="refusedFirst" />
            {RefusalAck(from, 1)}  <nop next="end" />
              <label id="refused" />
            {RefusalAck(from, 2)}  <nop next="end" />
              <label id="answered" />
              <send><![CDATA[
            ACK [next_url] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: {from}
            [last_To:]
            Call-ID: [call_id]
            CSeq: 2 ACK
            Max-Forwards: 70
            Content-Length: 0

            ]]></send>
              <send retrans="500"><![CDATA[
            BYE [next_url] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: {from}
            [last_To:]
            Call-ID: [call_id]
            CSeq: 3 BYE
            Max-Forwards: 70
            Content-Length: 0

            ]]></send>
              <recv response="200" />
              <label id="end" />
            </scenario>
            """;
    }
}
