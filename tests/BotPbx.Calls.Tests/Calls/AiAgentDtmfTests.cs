using BotPbx.Calls.Tests.Harness;
using BotPbx.TestSupport.Voice;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>
/// A caller's keypad on a real call: baresip sends the key as an RFC 4733 event, and it must reach the agent's
/// conversation as the caller turn "[The caller pressed N]" that the model answers.
/// </summary>
[Collection(RealPbx.Name)]
public sealed class AiAgentDtmfTests(PbxFixture pbx)
{
    [CallFact]
    public async Task A_key_the_caller_presses_reaches_the_agents_model()
    {
        await using var llm = await ScriptedOpenAiServer.StartAsync(ScriptedReply.Say("You pressed one."));
        var agentId = await pbx.CreateOfflineAgentAsync(llm, "Press one for sales.", []);
        var did = await pbx.RouteDidAsync(new { type = "aiAgent", target = AiAgentSteps.Id(agentId) });
        await pbx.ApplyAndWaitForAriAsync();
        await using var caller = await pbx.DidCallerAsync(sayWav: await pbx.CallerWavAsync(null, TimeSpan.Zero));

        await caller.CallAsync(pbx.DidUri(did));
        await AiAgentSteps.WaitForAsync(async () => (await pbx.LatestConversationAsync(agentId)).Turns is [var first, ..] && first.FirstFrameSent is not null,
            TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await caller.PressAsync("1");
        await AiAgentSteps.WaitForAsync(() => Task.FromResult(llm.Requests.Count > 0), TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(1));
        await caller.HangUpAsync();

        var request = Assert.Single(llm.Requests);
        Assert.Equal("[The caller pressed 1]", request["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>());
        await AiAgentSteps.WaitForAsync(async () => (await pbx.LatestConversationAsync(agentId)).Outcome is not null, TimeSpan.FromSeconds(20));
        var conversation = await pbx.LatestConversationAsync(agentId);
        Assert.Contains(conversation.Turns, t => t.Role == "caller" && t.Text == "[The caller pressed 1]");
    }
}
