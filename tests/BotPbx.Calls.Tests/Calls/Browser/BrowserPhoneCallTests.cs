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
    [Fact]
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
        var heardInBrowser = await browser.RemoteAudioAsync();
        await browser.ScreenshotAsync("in-call.png");
        await browser.ClickInCallAsync(desk.Number, "Hang up");
        await deskPhone.WaitForEventAsync("CALL_CLOSED");

        Assert.True(heardInBrowser.Hears(440), $"the browser should hear the desk phone's 440 Hz: {heardInBrowser}");
        Assert.False(heardInBrowser.Hears(660), $"the browser should not hear itself: {heardInBrowser}");
        var deskHeard = await deskPhone.HeardAsync();
        Assert.True(Tones.Heard(deskHeard, 660), $"the desk phone should hear the browser's 660 Hz (presence {Tones.Presence(deskHeard, 660):P0})");
        Assert.False(Tones.Heard(deskHeard, 440), "the desk phone should not hear itself");
    }
}
