using System.Diagnostics;
using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls.Browser;

/// <summary>
/// The browser phone (JsSIP 3.12 in headless chromium, fake microphone playing 660 Hz) against the real Asterisk:
/// it registers over WebSocket as the user's &lt;ext&gt;-webrtc endpoint, with DTLS-SRTP media, and talks to baresip.
/// </summary>
[Collection(RealPbx.Name)]
public sealed class BrowserPhoneCallTests(PbxFixture pbx)
{
    [CallFact]
    public async Task The_browser_phone_calls_a_desk_phone_and_each_hears_the_other()
    {
        var agent = await pbx.CreateUserAsync();
        var web = await pbx.CreateBrowserExtensionAsync(agent, "Web Agent");
        var desk = await pbx.CreateExtensionAsync("Desk");
        await pbx.Api.ApplyAsync();
        await using var deskPhone = await pbx.PhoneAsync(desk, toneHz: 440);
        await using var browser = await pbx.BrowserPhoneAsync(agent, toneHz: 660);

        var contacts = await pbx.Asterisk.CliOutputAsync("pjsip show contacts");
        Assert.Contains(web.Number + "-webrtc/sip:", contacts, StringComparison.Ordinal);

        await browser.DialAsync(desk.Number);
        await deskPhone.WaitForEventAsync("CALL_ESTABLISHED");
        await browser.WaitForCallAsync(desk.Number);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var heardInBrowser = await browser.RemoteAudioAsync(desk.Number);
        await browser.ScreenshotAsync("in-call.png");
        await browser.ClickInCallAsync(desk.Number, "Hang up");
        await deskPhone.WaitForEventAsync("CALL_CLOSED");

        Assert.True(heardInBrowser.Hears(440), $"the browser should hear the desk phone's 440 Hz: {heardInBrowser}");
        Assert.False(heardInBrowser.Hears(660), $"the browser should not hear itself: {heardInBrowser}");
        var deskHeard = await deskPhone.HeardAsync();
        Assert.True(Tones.Heard(deskHeard, 660), $"the desk phone should hear the browser's 660 Hz (presence {Tones.Presence(deskHeard, 660):P0})");
        Assert.False(Tones.Heard(deskHeard, 440), "the desk phone should not hear itself");
    }
    [CallFact]
    public async Task A_desk_phone_calls_the_browser_which_answers_from_its_pop_up()
    {
        var agent = await pbx.CreateUserAsync();
        var web = await pbx.CreateBrowserExtensionAsync(agent, "Web Agent");
        var desk = await pbx.CreateExtensionAsync("Desk Caller");
        await pbx.Api.ApplyAsync();
        await using var deskPhone = await pbx.PhoneAsync(desk, toneHz: 440);
        await using var browser = await pbx.BrowserPhoneAsync(agent, toneHz: 660);

        await deskPhone.DialAsync(pbx.Uri(web.Number));
        await browser.WaitForAsync("role=alertdialog[name=\"Incoming call\"]", TimeSpan.FromSeconds(20));
        await browser.ScreenshotAsync("incoming.png");
        Assert.Contains("Desk Caller", await browser.TextAsync("role=alertdialog[name=\"Incoming call\"]"), StringComparison.Ordinal);
        await browser.ClickAsync("role=alertdialog[name=\"Incoming call\"] >> role=button[name=\"Answer\"]");
        await deskPhone.WaitForEventAsync("CALL_ESTABLISHED");
        await browser.WaitForCallAsync(desk.Number);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var heardInBrowser = await browser.RemoteAudioAsync(desk.Number);
        await deskPhone.HangUpAsync();
        await browser.WaitForCallEndedAsync(desk.Number);

        Assert.True(heardInBrowser.Hears(440), $"the browser should hear the caller's 440 Hz: {heardInBrowser}");
        var deskHeard = await deskPhone.HeardAsync();
        Assert.True(Tones.Heard(deskHeard, 660), $"the caller should hear the browser's 660 Hz (presence {Tones.Presence(deskHeard, 660):P0})");
        Assert.Contains("Desk Caller", await browser.TextAsync("role=list[name=\"Recent calls\"]"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Mute, hold and a key press from the browser, heard at the other end: the browser plays 1919 Hz (a pitch the
    /// stock music on hold does not hold), so the desk phone's recording shows when the browser could be heard.
    /// </summary>
    [CallFact]
    public async Task Mute_hold_and_keypad_of_the_browser_phone_reach_the_other_phone()
    {
        const int BrowserHz = 1919;
        var agent = await pbx.CreateUserAsync();
        await pbx.CreateBrowserExtensionAsync(agent, "Web Agent");
        var desk = await pbx.CreateExtensionAsync("Desk");
        await pbx.Api.ApplyAsync();
        await using var deskPhone = await pbx.PhoneAsync(desk, toneHz: 440);
        await using var browser = await pbx.BrowserPhoneAsync(agent, toneHz: BrowserHz);

        await browser.DialAsync(desk.Number);
        await deskPhone.WaitForEventAsync("CALL_ESTABLISHED");
        var clock = Stopwatch.StartNew();
        await browser.WaitForCallAsync(desk.Number);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var muted = clock.Elapsed;
        await browser.ClickInCallAsync(desk.Number, "Mute");
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var unmuted = clock.Elapsed;
        await browser.ClickInCallAsync(desk.Number, "Unmute");
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var held = clock.Elapsed;
        await browser.ClickInCallAsync(desk.Number, "Hold");
        await browser.WaitForAsync($"article[aria-label=\"Call with {desk.Number}\"] >> text=On hold");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var resumed = clock.Elapsed;
        await browser.ClickInCallAsync(desk.Number, "Resume");
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var end = clock.Elapsed;
        await browser.ClickInCallAsync(desk.Number, "Keypad");
        await browser.ClickAsync("role=button[name=\"Send 5\"]");
        var key = await deskPhone.Control.WaitForEventAsync(e => e["type"]?.ToString() == "CALL_DTMF_START", TimeSpan.FromSeconds(10), "a key press");
        await browser.ClickInCallAsync(desk.Number, "Hang up");
        await deskPhone.WaitForEventAsync("CALL_CLOSED");

        Assert.Equal("5", key["param"]?.ToString());
        var heard = await deskPhone.HeardAsync();
        // Each phase is judged away from its edges (half a second in), so the clocks of test and phone need not agree.
        Assert.True(Presence(heard, TimeSpan.FromSeconds(0.5), muted) > 0.5, "before mute the browser is heard");
        var mute = Window(heard, muted, unmuted);
        Assert.True(Tones.Presence(mute, BrowserHz) < 0.1 && Tones.Rms(mute) < 300, $"muted, the browser is not heard (rms {Tones.Rms(mute):0})");
        Assert.True(Presence(heard, unmuted, held) > 0.5, "unmuted, the browser is heard again");
        var hold = Window(heard, held, resumed);
        Assert.True(Tones.Presence(hold, BrowserHz) < 0.1, "on hold, the browser is not heard");
        Assert.True(Tones.Rms(hold) > 300, "on hold, the desk phone hears music on hold");
        Assert.True(Presence(heard, resumed, end) > 0.5, "resumed, the browser is heard again");

        static double Presence(short[] samples, TimeSpan from, TimeSpan to) => Tones.Presence(Window(samples, from, to), BrowserHz);
    }

    private static short[] Window(short[] samples, TimeSpan from, TimeSpan to)
    {
        // A click takes effect up to a second later (re-INVITE, track switch); the phase is judged after that.
        var start = Math.Clamp((int)((from.TotalSeconds + 1.0) * Wav.SampleRate), 0, samples.Length);
        var stop = Math.Clamp((int)((to.TotalSeconds - 0.3) * Wav.SampleRate), start, samples.Length);
        return samples[start..stop];
    }

    [CallFact]
    public async Task A_blind_transfer_from_the_browser_connects_the_caller_to_the_target()
    {
        var agent = await pbx.CreateUserAsync();
        await pbx.CreateBrowserExtensionAsync(agent, "Web Agent");
        var customer = await pbx.CreateExtensionAsync("Customer");
        var colleague = await pbx.CreateExtensionAsync("Colleague");
        await pbx.Api.ApplyAsync();
        await using var customerPhone = await pbx.PhoneAsync(customer, toneHz: 440);
        await using var colleaguePhone = await pbx.PhoneAsync(colleague, toneHz: 880);
        await using var browser = await pbx.BrowserPhoneAsync(agent, toneHz: 660);

        await browser.DialAsync(customer.Number);
        await customerPhone.WaitForEventAsync("CALL_ESTABLISHED");
        await browser.WaitForCallAsync(customer.Number);
        await browser.ClickInCallAsync(customer.Number, "Transfer");
        await browser.FillAsync("role=textbox[name=\"Transfer to\"]", colleague.Number);
        await browser.ClickInCallAsync(customer.Number, "Blind transfer");
        await colleaguePhone.WaitForIncomingCallAsync(TimeSpan.FromSeconds(20));
        await browser.WaitForCallEndedAsync(customer.Number);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await colleaguePhone.HangUpAsync();
        await customerPhone.WaitForEventAsync("CALL_CLOSED");

        var customerHeard = await customerPhone.HeardAsync();
        var colleagueHeard = await colleaguePhone.HeardAsync();
        Assert.True(Tones.Heard(customerHeard, 880), $"the customer should hear the colleague (presence {Tones.Presence(customerHeard, 880):P0})");
        Assert.True(Tones.Heard(colleagueHeard, 440), $"the colleague should hear the customer (presence {Tones.Presence(colleagueHeard, 440):P0})");
        Assert.False(Tones.Heard(colleagueHeard, 660), "the colleague should not hear the browser, which left");
    }

    [CallFact]
    public async Task An_attended_transfer_from_the_browser_consults_the_target_then_joins_the_caller_to_it()
    {
        var agent = await pbx.CreateUserAsync();
        await pbx.CreateBrowserExtensionAsync(agent, "Web Agent");
        var customer = await pbx.CreateExtensionAsync("Customer");
        var colleague = await pbx.CreateExtensionAsync("Colleague");
        await pbx.Api.ApplyAsync();
        await using var customerPhone = await pbx.PhoneAsync(customer, toneHz: 440);
        await using var colleaguePhone = await pbx.PhoneAsync(colleague, toneHz: 880);
        await using var browser = await pbx.BrowserPhoneAsync(agent, toneHz: 660);

        await browser.DialAsync(customer.Number);
        await customerPhone.WaitForEventAsync("CALL_ESTABLISHED");
        await browser.WaitForCallAsync(customer.Number);
        await browser.ClickInCallAsync(customer.Number, "Transfer");
        await browser.FillAsync("role=textbox[name=\"Transfer to\"]", colleague.Number);
        await browser.ClickInCallAsync(customer.Number, "Consult first");
        await colleaguePhone.WaitForEventAsync("CALL_ESTABLISHED");
        await browser.WaitForCallAsync(colleague.Number);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var consulted = await browser.RemoteAudioAsync(colleague.Number);
        await browser.ScreenshotAsync("consult.png");
        await browser.ClickInCallAsync(colleague.Number, "Complete transfer");
        await browser.WaitForCallEndedAsync(customer.Number);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await colleaguePhone.HangUpAsync();
        await customerPhone.WaitForEventAsync("CALL_CLOSED");

        Assert.True(consulted.Hears(880), $"while consulting, the browser hears the colleague: {consulted}");
        var customerHeard = await customerPhone.HeardAsync();
        var colleagueHeard = await colleaguePhone.HeardAsync();
        Assert.True(Tones.Heard(customerHeard, 880), $"the customer should end up hearing the colleague (presence {Tones.Presence(customerHeard, 880):P0})");
        Assert.True(Tones.Heard(colleagueHeard, 440), $"the colleague should end up hearing the customer (presence {Tones.Presence(colleagueHeard, 440):P0})");
    }
}
