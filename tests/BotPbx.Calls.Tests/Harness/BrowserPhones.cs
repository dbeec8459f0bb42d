using System.Globalization;
using System.Text.Json.Nodes;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>A user of the API (agent, supervisor or admin) that a browser signs in as.</summary>
public sealed record PbxUser(long Id, string Email, string Password, string Role);

/// <summary>What a browser phone's page reports about the audio it receives (WebAudio analyser over the remote stream).</summary>
public sealed record RemoteAudio(double PeakHz, double PeakDb, double RmsDb, IReadOnlyDictionary<int, double> DbAt)
{
    /// <summary>The stream is not silent and the tone is within 20 dB of the loudest frequency in it.</summary>
    public bool Hears(int hz) => RmsDb > -60 && DbAt[hz] > PeakDb - 20;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"peak {PeakHz:0} Hz at {PeakDb:0.0} dB, level {RmsDb:0.0} dBFS, {string.Join(", ", DbAt.Select(p => $"{p.Key} Hz {p.Value:0.0} dB"))}");
}

/// <summary>
/// Browser phones in real-call tests: a user with an extension that has WebRTC on, and the SPA's docked phone driven
/// in chromium (Harness/Browser.cs). The browser reaches Asterisk's /ws on the loopback HTTP port (plain ws: the
/// transport BotPBX renders for it), which the WebRTC settings name as the WebSocket URL.
/// </summary>
public static class BrowserPhoneSteps
{
    public static async Task<PbxUser> CreateUserAsync(this PbxFixture pbx, string role = "agent")
    {
        var email = $"{role}-{Guid.NewGuid().ToString("N")[..8]}@calls.test";
        var password = "Pw-" + Guid.NewGuid().ToString("N");
        var created = await pbx.Api.PostAsync("api/users", new { email, name = role + " " + email[..12], role, password });
        return new PbxUser(created["id"]!.GetValue<long>(), email, password, role);
    }

    /// <summary>An extension with WebRTC on, belonging to <paramref name="user"/> (applied by the caller).</summary>
    public static async Task<ExtensionInfo> CreateBrowserExtensionAsync(this PbxFixture pbx, PbxUser user, string? name = null)
    {
        await pbx.Api.PutAsync("api/webrtc-settings", new
        {
            stunServers = Array.Empty<string>(),
            webSocketUrl = $"ws://127.0.0.1:{pbx.Asterisk.HttpPort.ToString(CultureInfo.InvariantCulture)}/ws",
        });
        return await pbx.CreateExtensionAsync(name, customize: body =>
        {
            body["webRtc"] = true;
            body["userId"] = user.Id;
        });
    }

    /// <summary>Chromium signed in as <paramref name="user"/>, its phone panel open and registered ("Ready").</summary>
    public static async Task<Browser> BrowserPhoneAsync(this PbxFixture pbx, PbxUser user, double toneHz = 660)
    {
        var browser = await pbx.BrowserAsync("phone-" + user.Role, toneHz, user.Email, user.Password);
        try
        {
            await browser.ClickAsync("role=button[name=\"Open phone\"]");
            await browser.WaitForAsync("section[aria-label=\"Phone\"] >> text=Ready", TimeSpan.FromSeconds(30));
        }
        catch
        {
            await browser.ScreenshotAsync("not-ready.png");
            await browser.DisposeAsync();
            throw;
        }
        return browser;
    }

    public static async Task DialAsync(this Browser browser, string number)
    {
        await browser.FillAsync("role=textbox[name=\"Number to dial\"]", number);
        await browser.ClickAsync("section[aria-label=\"Phone\"] >> role=button[name=\"Call\"]");
    }

    /// <summary>Waits until the browser shows a call with <paramref name="remote"/> in <paramref name="state"/> (calling, active, ended).</summary>
    public static Task WaitForCallAsync(this Browser browser, string remote, string state = "active", TimeSpan? limit = null) =>
        browser.WaitForAsync($"article[aria-label=\"Call with {remote}\"] [data-call-state=\"{state}\"]", limit ?? TimeSpan.FromSeconds(30));

    /// <summary>Waits until the browser's call with <paramref name="remote"/> has ended (its card shows the end briefly, then goes).</summary>
    public static Task WaitForCallEndedAsync(this Browser browser, string remote, TimeSpan? limit = null) =>
        browser.WaitForAsync($"article[aria-label=\"Call with {remote}\"] [data-call-state=\"active\"]", limit ?? TimeSpan.FromSeconds(30), "hidden");

    public static Task ClickInCallAsync(this Browser browser, string remote, string button) =>
        browser.ClickAsync($"article[aria-label=\"Call with {remote}\"] >> role=button[name=\"{button}\"]");

    /// <summary>
    /// Listens to the remote audio of the browser's call with <paramref name="remote"/> for <paramref name="listenMs"/> ms with a WebAudio
    /// analyser and reports the loudest frequency and the level at each of <paramref name="probeHz"/>.
    /// </summary>
    public static async Task<RemoteAudio> RemoteAudioAsync(this Browser browser, string remote, int listenMs = 1500, params int[] probeHz)
    {
        var probes = probeHz.Length > 0 ? probeHz : [440, 660, 880, 1200];
        var expression = $$"""
            (async () => {
              const audio = document.querySelector('audio[data-phone-remote-number="{{remote}}"]');
              if (!audio || !audio.srcObject) return null;
              const ctx = new AudioContext();
              await ctx.resume();
              const source = ctx.createMediaStreamSource(audio.srcObject);
              const analyser = ctx.createAnalyser();
              analyser.fftSize = 8192;
              analyser.smoothingTimeConstant = 0.8;
              source.connect(analyser);
              await new Promise(r => setTimeout(r, {{listenMs}}));
              const bins = new Float32Array(analyser.frequencyBinCount);
              analyser.getFloatFrequencyData(bins);
              const wave = new Float32Array(analyser.fftSize);
              analyser.getFloatTimeDomainData(wave);
              const binHz = ctx.sampleRate / analyser.fftSize;
              let best = 1;
              for (let i = 2; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
              const at = {};
              for (const hz of [{{string.Join(",", probes)}}]) {
                const i = Math.round(hz / binHz);
                at[hz] = Math.max(bins[i - 1], bins[i], bins[i + 1], -200);
              }
              const rms = Math.sqrt(wave.reduce((s, x) => s + x * x, 0) / wave.length);
              await ctx.close();
              return { peakHz: best * binHz, peakDb: Math.max(bins[best], -200), rmsDb: 20 * Math.log10(rms + 1e-12), at };
            })()
            """;
        var result = await browser.EvalAsync(expression) as JsonObject
            ?? throw new InvalidOperationException("the browser has no remote audio element with a stream");
        var at = result["at"]!.AsObject().ToDictionary(p => int.Parse(p.Key, CultureInfo.InvariantCulture), p => p.Value!.GetValue<double>());
        return new RemoteAudio(result["peakHz"]!.GetValue<double>(), result["peakDb"]!.GetValue<double>(), result["rmsDb"]!.GetValue<double>(), at);
    }

    /// <summary>
    /// The loudest 100 ms of the remote audio of the call with <paramref name="remote"/> over <paramref name="listenMs"/> ms, in dBFS
    /// (speech has pauses: one window at the end of the listening may fall between two words).
    /// </summary>
    public static async Task<double> RemoteLoudestDbAsync(this Browser browser, string remote, int listenMs = 3000)
    {
        var expression = $$"""
            (async () => {
              const audio = document.querySelector('audio[data-phone-remote-number="{{remote}}"]');
              if (!audio || !audio.srcObject) return null;
              const ctx = new AudioContext();
              await ctx.resume();
              const analyser = ctx.createAnalyser();
              analyser.fftSize = 4096;
              ctx.createMediaStreamSource(audio.srcObject).connect(analyser);
              const wave = new Float32Array(analyser.fftSize);
              let loudest = 0;
              for (let t = 0; t < {{listenMs}}; t += 100) {
                await new Promise(r => setTimeout(r, 100));
                analyser.getFloatTimeDomainData(wave);
                loudest = Math.max(loudest, Math.sqrt(wave.reduce((s, x) => s + x * x, 0) / wave.length));
              }
              await ctx.close();
              return 20 * Math.log10(loudest + 1e-12);
            })()
            """;
        return (await browser.EvalAsync(expression))?.GetValue<double>()
            ?? throw new InvalidOperationException("the browser has no remote audio element with a stream");
    }
}
