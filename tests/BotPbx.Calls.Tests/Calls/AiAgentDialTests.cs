using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;
using BotPbx.TestSupport.Voice;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>
/// An agent with an internal number is dialled like an extension: from a desk phone, and from the AI Agents page's
/// "Call it from the browser" button, which dials it on the user's browser phone (JsSIP in chromium, DTLS-SRTP).
/// </summary>
[Collection(RealPbx.Name)]
public sealed class AiAgentDialTests(PbxFixture pbx)
{
    private const string Greeting = "Thank you for calling Acme.";
    private const string LongGreeting =
        "Thank you for calling Acme. Our opening hours are nine to five. We sell phones and headsets. Ask me about prices. Ask me about delivery. We are happy to help you today.";
    private static readonly string[] AgentLines = [Greeting, "Our opening hours are nine to five.", "We are happy to help you today."];

    [CallFact]
    public async Task A_desk_phone_dials_the_agents_number_and_hears_its_greeting()
    {
        await using var llm = await ScriptedOpenAiServer.StartAsync(ScriptedReply.Say("Unused."));
        var number = pbx.NextNumber();
        var agentId = await pbx.CreateOfflineAgentAsync(llm, Greeting, [], body => body["number"] = number);
        var desk = await pbx.CreateExtensionAsync("Desk");
        await pbx.ApplyAndWaitForAriAsync();
        // A silent microphone: a tone would be heard as the caller talking over the greeting (barge-in).
        await using var phone = await pbx.PhoneAsync(desk, sayWav: await pbx.CallerWavAsync(null, TimeSpan.Zero));

        await phone.CallAsync(pbx.Uri(number));
        await AiAgentSteps.WaitForAsync(async () => (await pbx.LatestConversationAsync(agentId)).Turns is [var first, ..] && first.FirstFrameSent is not null,
            TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(4));
        await phone.HangUpAsync();

        var heard = await phone.HeardAsync();
        Wav.Write(Path.Combine(pbx.WorkDirectory, "ai-agent-dialled-heard.wav"), heard);
        Assert.Equal(Speech.Normalise(Greeting), await Speech.RecogniseAsync(pbx, heard, AgentLines));
        await AiAgentSteps.WaitForAsync(async () => (await pbx.LatestConversationAsync(agentId)).Outcome is not null, TimeSpan.FromSeconds(20));
        Assert.Equal("caller-hung-up", (await pbx.LatestConversationAsync(agentId)).Outcome);
    }

    [CallFact]
    public async Task A_user_presses_the_agents_call_button_and_the_browser_phone_hears_the_greeting()
    {
        await using var llm = await ScriptedOpenAiServer.StartAsync(ScriptedReply.Say("Unused."));
        var admin = await pbx.CreateUserAsync("admin");
        await pbx.CreateBrowserExtensionAsync(admin, "Admin browser");
        var number = pbx.NextNumber();
        var agentId = await pbx.CreateOfflineAgentAsync(llm, $"{LongGreeting} {LongGreeting}", [], body => body["number"] = number);
        await pbx.ApplyAndWaitForAriAsync();
        var agentName = (await pbx.Api.GetAsync($"api/agents/{AiAgentSteps.Id(agentId)}"))["name"]!.GetValue<string>();

        // A silent fake microphone: the usual tone would be heard as the caller talking over the greeting (barge-in).
        await using var browser = await Harness.Browser.StartAsync(pbx.WorkDirectory, pbx.Api.BaseAddress,
            new Harness.Browser.Options { Name = "agent-try", SayWav = await pbx.CallerWavAsync(null, TimeSpan.Zero) });
        await browser.LoginAsync(admin.Email, admin.Password);
        await browser.GotoAsync($"/ai-agents/{AiAgentSteps.Id(agentId)}/try");
        // The explanation below the button changes to this once the browser phone is registered and the agent has a number.
        try
        {
            await browser.WaitForAsync("text=Rings the agent from your browser phone", TimeSpan.FromSeconds(30));
        }
        catch
        {
            await browser.ScreenshotAsync("not-callable.png", fullPage: true);
            throw;
        }
        var screenshot = await browser.ScreenshotAsync("agent-try-call-button.png", fullPage: true);
        File.Copy(screenshot, Path.Combine(ScreenshotsDirectory(), "ai-agent-try-call-button.png"), overwrite: true);
        await browser.ClickAsync($"role=button[name=\"Call {agentName} ({number})\"]");

        await browser.WaitForCallAsync(number, limit: TimeSpan.FromSeconds(30));
        // The greeting lasts ~25 s and starts when Asterisk answers: the browser listens inside it even on a loaded machine.
        var loudest = await browser.RemoteLoudestDbAsync(number, listenMs: 3000);
        await browser.ScreenshotAsync("agent-in-call.png");
        await browser.ClickInCallAsync(number, "Hang up");
        await AiAgentSteps.WaitForAsync(async () => (await pbx.LatestConversationAsync(agentId)).Outcome is not null, TimeSpan.FromSeconds(20));

        // flite's speech through G.711 peaks around -20 dBFS; silence is below -60 (zeros are -240).
        Assert.True(loudest > -40, $"the browser should hear the agent's voice: loudest 100 ms at {loudest:0.0} dBFS");
        var conversation = await pbx.LatestConversationAsync(agentId);
        Assert.Equal("caller-hung-up", conversation.Outcome);
        Assert.True(conversation.Turns[0].Interrupted, "the greeting was still being spoken when the browser hung up");
    }

    private static string ScreenshotsDirectory() =>
        Directory.CreateDirectory(Path.Combine(AsteriskRoot.RepositoryRoot(), "artifacts", "test-results", "screenshots")).FullName;
}
