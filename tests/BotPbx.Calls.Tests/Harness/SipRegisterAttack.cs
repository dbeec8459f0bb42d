using System.Globalization;
using System.Text.RegularExpressions;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// A password-guessing attacker played by SIPp (Debian's sip-tester in the root) from its own loopback address: each
/// SIPp "call" is one guess — REGISTER, the 401 challenge, REGISTER again with a digest of a wrong password, and the
/// PBX's answer (401 again while it still listens; 403 once res_pjsip_acl refuses the address). Every message SIPp
/// saw is kept with its time, so a test can tell when the refusals began.
/// </summary>
public sealed partial class SipRegisterAttack
{
    private SipRegisterAttack(string directory) => Directory = directory;

    public string Directory { get; }

    public string MessageLog => Path.Combine(Directory, "messages.log");

    /// <summary>One message SIPp sent or received: when, which way, and its first line.</summary>
    public sealed record Message(DateTimeOffset At, bool Received, string FirstLine, string CSeq);

    /// <summary>
    /// Runs <paramref name="guesses"/> guesses at <paramref name="perSecond"/> per second (one at a time) against the
    /// extension <paramref name="user"/>, from <paramref name="address"/>, and waits for SIPp to finish.
    /// </summary>
    public static async Task<SipRegisterAttack> RunAsync(PbxFixture pbx, string address, string user, int guesses, int perSecond,
        CancellationToken cancellationToken = default)
    {
        var dir = Path.Combine(pbx.WorkDirectory, "attackers", address + "-" + Guid.NewGuid().ToString("N")[..6]);
        System.IO.Directory.CreateDirectory(dir);
        var scenario = Path.Combine(dir, "scenario.xml");
        await File.WriteAllTextAsync(scenario, Scenario(user), cancellationToken);
        var port = Ports.FreeUdpAndTcp(address);
        var (_, output) = await pbx.Root.RunAsync([pbx.WorkDirectory],
        [
            "/usr/bin/sipp", pbx.SipAddress, "-sf", scenario, "-i", address, "-p", port.ToString(CultureInfo.InvariantCulture),
            "-m", guesses.ToString(CultureInfo.InvariantCulture), "-r", perSecond.ToString(CultureInfo.InvariantCulture), "-rp", "1000",
            "-l", "1", "-nostdin", "-trace_msg", "-message_file", Path.Combine(dir, "messages.log"), "-trace_err",
            "-error_file", Path.Combine(dir, "errors.log"), "-timeout", "120", "-recv_timeout", "5000",
        ], TimeSpan.FromSeconds(150), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dir, "sipp.log"), output, cancellationToken);
        return new SipRegisterAttack(dir);
    }

    /// <summary>Every message in order.</summary>
    public IReadOnlyList<Message> Messages()
    {
        if (!File.Exists(MessageLog)) return [];
        var text = File.ReadAllText(MessageLog).Replace("\r", "", StringComparison.Ordinal);
        var list = new List<Message>();
        foreach (Match block in Block().Matches(text))
        {
            var body = block.Groups["body"].Value.TrimStart('\n');
            var cseq = body.Split('\n').FirstOrDefault(l => l.StartsWith("CSeq:", StringComparison.OrdinalIgnoreCase)) ?? "";
            list.Add(new Message(DateTimeOffset.Parse(block.Groups["at"].Value, CultureInfo.InvariantCulture),
                block.Groups["way"].Value == "received", body.Split('\n')[0], cseq));
        }
        return list;
    }

    /// <summary>Answers to guesses (the second REGISTER, CSeq 2) that were 401: passwords the PBX checked and refused.</summary>
    public IReadOnlyList<Message> RefusedGuesses() =>
        [.. Messages().Where(m => m.Received && m.FirstLine.StartsWith("SIP/2.0 401", StringComparison.Ordinal) && m.CSeq.Contains("2 REGISTER", StringComparison.Ordinal))];

    /// <summary>403 answers: the address is refused before anything is checked.</summary>
    public IReadOnlyList<Message> Forbidden() =>
        [.. Messages().Where(m => m.Received && m.FirstLine.StartsWith("SIP/2.0 403", StringComparison.Ordinal))];

    [GeneratedRegex(@"^-{10,} (?<at>\S+)\n(?:UDP|TCP) message (?<way>sent|received) \[\d+\] bytes ?:\n(?<body>.*?)(?=^-{10,} |\z)",
        RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Block();

    // A 403 can answer either REGISTER: the first once the ban is in force, the second if it came in between.
    private static string Scenario(string user) => $$"""
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="wrong passwords">
          <send retrans="500"><![CDATA[
        REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: <sip:{{user}}@[remote_ip]>;tag=[pid]g[call_number]
        To: <sip:{{user}}@[remote_ip]>
        Call-ID: [call_id]
        CSeq: 1 REGISTER
        Contact: <sip:{{user}}@[local_ip]:[local_port]>
        Max-Forwards: 70
        Expires: 60
        User-Agent: guesser
        Content-Length: 0

        ]]></send>
          <recv response="403" optional="true" next="refused"/>
          <recv response="401" auth="true"/>
          <send retrans="500"><![CDATA[
        REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: <sip:{{user}}@[remote_ip]>;tag=[pid]g[call_number]
        To: <sip:{{user}}@[remote_ip]>
        Call-ID: [call_id]
        CSeq: 2 REGISTER
        Contact: <sip:{{user}}@[local_ip]:[local_port]>
        [authentication username={{user}} password=wrong-guess]
        Max-Forwards: 70
        Expires: 60
        User-Agent: guesser
        Content-Length: 0

        ]]></send>
          <recv response="403" optional="true" next="refused"/>
          <recv response="401"/>
          <label id="refused"/>
        </scenario>
        """;
}
