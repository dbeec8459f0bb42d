using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BotPbx.Calls.Tests.Audio;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// A real SIP phone: baresip with its own folder, SIP port, RTP ports and control socket (ASTERISK.md, "Real SIP
/// phones for tests"). It sends <see cref="SaysFile"/> as its microphone and records what it hears into
/// <see cref="HeardFile"/>, written out when the call ends.
/// </summary>
public sealed class Phone : IAsyncDisposable
{
    private readonly Process _process;
    private readonly PhoneControl _control;

    private Phone(string name, string directory, Process process, PhoneControl control, string address, int sipPort)
    {
        SipPort = sipPort;
        Name = name;
        Directory = directory;
        _process = process;
        _control = control;
        Address = address;
    }

    public string Name { get; }
    public string Directory { get; }
    /// <summary>The loopback address the phone's SIP and RTP use (a carrier is 127.0.0.2, say).</summary>
    public string Address { get; }
    /// <summary>The UDP port baresip listens on for SIP (a trunk pointed at Address:SipPort calls this phone).</summary>
    public int SipPort { get; }
    public string SaysFile => Path.Combine(Directory, "say.wav");
    public string HeardFile => Path.Combine(Directory, "heard.wav");
    public PhoneControl Control => _control;

    public sealed record Options
    {
        public required string Name { get; init; }
        /// <summary>e.g. <c>sip:2001@127.0.0.1:5070</c>, or for a carrier <c>sip:carrier@127.0.0.2</c>.</summary>
        public required string Aor { get; init; }
        public string? Password { get; init; }
        /// <summary>The PBX's SIP address (host:port); null for a carrier that does not register.</summary>
        public string? Registrar { get; init; }
        public string Address { get; init; } = "127.0.0.1";
        /// <summary>What the microphone sends; a tone when null.</summary>
        public double ToneHz { get; init; } = 440;
        public string? SayWav { get; init; }
        public bool AutoAnswer { get; init; } = true;
        /// <summary>Takes calls to any user at its address (baresip's catchall), as a carrier's subscriber line would.</summary>
        public bool CatchAll { get; init; }
    }

    public static async Task<Phone> StartAsync(AsteriskRoot root, string workDirectory, Options options, CancellationToken cancellationToken = default)
    {
        var dir = Path.Combine(workDirectory, "phones", options.Name + "-" + Guid.NewGuid().ToString("N")[..6]);
        System.IO.Directory.CreateDirectory(dir);
        var sipPort = Ports.FreeSipPair(options.Address);
        var ctrlPort = Ports.FreeTcp();
        var rtp = Ports.FreeUdpRange(options.Address, 20);
        if (options.SayWav is { } say) File.Copy(say, Path.Combine(dir, "say.wav"));
        else Wav.Write(Path.Combine(dir, "say.wav"), Tones.Sine(options.ToneHz, TimeSpan.FromSeconds(60)));
        Wav.Write(Path.Combine(dir, "alert.wav"), new short[800]);

        // g711 only, 8 kHz sources (ausine is 48 kHz only and then fails to answer: ASTERISK.md).
        var config = $"""
            poll_method		epoll
            sip_listen		{options.Address}:{sipPort}
            sip_transports		udp
            call_local_timeout	120
            audio_player		aufile,{dir}/heard.wav
            audio_source		aufile,{dir}/say.wav
            audio_alert		aufile,{dir}/alert.wav
            ausrc_srate		8000
            auplay_srate		8000
            ausrc_channels		1
            auplay_channels		1
            rtp_ports		{rtp}-{rtp + 19}
            rtp_timeout		0
            module_path		/usr/lib/baresip/modules
            module			g711.so
            module			aufile.so
            module_app		account.so
            module_app		menu.so
            module_app		ctrl_tcp.so
            ctrl_tcp_listen		127.0.0.1:{ctrlPort}
            """;
        File.WriteAllText(Path.Combine(dir, "config"), config.Replace("\r", "", StringComparison.Ordinal) + "\n");
        var account = options.Aor.StartsWith('<') ? options.Aor : $"<{options.Aor}>";
        var parameters = new List<string>();
        if (options.Password is { } password) parameters.Add("auth_pass=" + password);
        parameters.Add(options.Registrar is null ? "regint=0" : "regint=300");
        parameters.Add("answermode=" + (options.AutoAnswer ? "auto" : "manual"));
        parameters.Add("audio_codecs=PCMU,PCMA");
        if (options.CatchAll) parameters.Add("catchall=yes");
        if (options.Registrar is { } registrar) parameters.Add($"outbound=\"sip:{registrar}\"");
        File.WriteAllText(Path.Combine(dir, "accounts"), account + ";" + string.Join(';', parameters) + "\n");
        File.WriteAllText(Path.Combine(dir, "contacts"), "");

        var process = root.Start([workDirectory], ["/usr/bin/baresip", "-f", dir], Path.Combine(dir, "baresip.log"));
        // Generous: on a loaded two-core machine a phone can take seconds to open its control socket.
        var control = await PhoneControl.ConnectAsync(ctrlPort, TimeSpan.FromSeconds(45), cancellationToken);
        control.RawLog = Path.Combine(dir, "control.log");
        var phone = new Phone(options.Name, dir, process, control, options.Address, sipPort);
        if (options.Registrar is not null) await phone.WaitForRegistrationAsync(cancellationToken);
        return phone;
    }

    /// <summary>
    /// Waits until the phone's registration succeeded or failed, asking baresip (<c>reginfo</c>) rather than waiting
    /// for its event: on loopback the REGISTER is often answered before the control socket is connected.
    /// </summary>
    public async Task WaitForRegistrationAsync(CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        var info = "";
        while (DateTime.UtcNow < deadline)
        {
            // "0 - sip:2001@127.0.0.1:5060   OK  BotPBX Expires 299s", or "ERR"; colours stripped.
            info = Regex.Replace((await _control.CommandAsync("reginfo", "", cancellationToken))["data"]?.ToString() ?? "", @"\x1b\[[0-9;]*m", "");
            if (Regex.IsMatch(info, @"\sOK\s")) return;
            if (Regex.IsMatch(info, @"\bERR\b"))
            {
                throw new InvalidOperationException($"{Name} failed to register (REGISTER_FAIL): {info.Trim()}");
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"{Name} did not register within 15 s: {info.Trim()}");
    }

    public Task<JsonObject> WaitForEventAsync(string type, TimeSpan? limit = null, CancellationToken cancellationToken = default) =>
        _control.WaitForEventAsync(e => e["type"]?.GetValue<string>() == type, limit ?? TimeSpan.FromSeconds(20),
            $"{type} on {Name}", cancellationToken);

    /// <summary>
    /// Waits for a call to come in. A phone that answers by itself reports no CALL_INCOMING (baresip 1.1 goes straight
    /// to CALL_ESTABLISHED), so any call event of an incoming call counts.
    /// </summary>
    public Task<JsonObject> WaitForIncomingCallAsync(TimeSpan? limit = null, CancellationToken cancellationToken = default) =>
        _control.WaitForEventAsync(IsIncomingCall, limit ?? TimeSpan.FromSeconds(20), "incoming call on " + Name, cancellationToken);

    /// <summary>Whether any call ever came in to this phone.</summary>
    public bool EverRang => _control.History.Any(IsIncomingCall);

    /// <summary>How many different calls came in (baresip's call id), for "dialled once" checks.</summary>
    public int IncomingCallCount => _control.History.Where(IsIncomingCall).Select(e => e["id"]?.ToString()).Distinct().Count();

    private static bool IsIncomingCall(JsonObject e) =>
        e["class"]?.ToString() == "call" && e["direction"]?.ToString() == "incoming";

    public Task DialAsync(string uri, CancellationToken cancellationToken = default) => _control.CommandAsync("dial", uri, cancellationToken);

    public Task AnswerAsync(CancellationToken cancellationToken = default) => _control.CommandAsync("accept", "", cancellationToken);

    public Task HangUpAsync(CancellationToken cancellationToken = default) => _control.CommandAsync("hangup", "", cancellationToken);

    /// <summary>Sends DTMF digits as RFC 4733 events, one at a time, as a person presses keys.</summary>
    public async Task PressAsync(string digits, CancellationToken cancellationToken = default)
    {
        foreach (var digit in digits)
        {
            await _control.CommandAsync("sndcode", digit.ToString(), cancellationToken);
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Dials and waits until the call is answered.</summary>
    public async Task CallAsync(string uri, CancellationToken cancellationToken = default)
    {
        await DialAsync(uri, cancellationToken);
        await WaitForEventAsync("CALL_ESTABLISHED", TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>What the phone heard during its calls so far; reads the recording once it is written out.</summary>
    public async Task<short[]> HeardAsync(CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                return Wav.Read(HeardFile);
            }
            catch (Exception e) when ((e is IOException or InvalidDataException) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _control.CommandAsync("quit");
        }
        catch (Exception e) when (e is IOException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            // Killed below.
        }
        await _control.DisposeAsync();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        PhoneCrashes.CheckLog(Path.Combine(Directory, "baresip.log"));
    }

    public override string ToString() => Name + " (" + Address + ")";

    internal static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
