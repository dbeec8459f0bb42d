using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;
using BotPbx.TestSupport.Voice;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>
/// A warm transfer on the real Asterisk: the agent (told by the scripted model's <c>transfer</c> tool call to a target
/// with <c>warm: true</c>) rings the human through the extension's dialplan, brings them into its bridge when they answer,
/// introduces the caller with the model's summary, and leaves; caller and human stay connected.
/// </summary>
[Collection(RealPbx.Name)]
public sealed class AiAgentWarmTransferTests(PbxFixture pbx)
{
    private const string Greeting = "Thank you for calling Acme.";
    private const string CallerSays = "I would like to talk to sales please.";
    private const string Answer = "I will connect you to our sales team now.";
    private const string Summary = "The caller would like to buy ten headsets.";
    private static readonly string[] Lines = [Greeting, Answer, Summary];

    [CallFact]
    public async Task A_warm_transfer_rings_the_human_introduces_the_caller_and_leaves_them_talking()
    {
        var human = await pbx.CreateExtensionAsync("Sales rep");
        await using var llm = await ScriptedOpenAiServer.StartAsync(
            ScriptedReply.Say(Answer + " ", ScriptedToolCall.Of("call_1", "transfer", new { target = "sales", summary = Summary })));
        var agentId = await pbx.CreateOfflineAgentAsync(llm, Greeting,
            [new { name = "sales", kind = "extension", number = human.Number, description = "The sales rep", warm = true }]);
        var did = await pbx.RouteDidAsync(new { type = "aiAgent", target = AiAgentSteps.Id(agentId) });
        await pbx.ApplyAndWaitForAriAsync();
        await using var humanPhone = await pbx.PhoneAsync(human, toneHz: 660);
        await using var caller = await pbx.DidCallerAsync(sayWav: await pbx.CallerWavAsync(CallerSays, TimeSpan.FromSeconds(6)));

        await caller.CallAsync(pbx.DidUri(did));
        await humanPhone.WaitForEventAsync("CALL_ESTABLISHED", TimeSpan.FromSeconds(45));
        // The agent speaks the summary to both, then leaves: the conversation ends as transferred while the call goes on.
        await AiAgentSteps.WaitForAsync(async () => (await pbx.LatestConversationAsync(agentId)).Outcome is not null, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var channels = await pbx.Asterisk.CliOutputAsync("core show channels concise");
        await caller.HangUpAsync();
        // Hanging up the caller ends the human's leg too.
        await humanPhone.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(15));

        var conversation = await pbx.LatestConversationAsync(agentId);
        Assert.Equal("transferred", conversation.Outcome);
        Assert.Equal("sales", conversation.TransferredTo);
        Assert.DoesNotContain("botpbx-media-", channels, StringComparison.Ordinal);
        // The human heard the agent's introduction.
        var humanHeard = await humanPhone.HeardAsync();
        Wav.Write(Path.Combine(pbx.WorkDirectory, "ai-agent-warm-human-heard.wav"), humanHeard);
        Assert.Contains(Speech.Normalise(Summary), await Speech.RecogniseAsync(pbx, humanHeard, Lines), StringComparison.Ordinal);
        // The caller heard the answer, then the introduction, then the human (660 Hz) once the agent had left.
        var callerHeard = await caller.HeardAsync();
        Wav.Write(Path.Combine(pbx.WorkDirectory, "ai-agent-warm-caller-heard.wav"), callerHeard);
        var humanVoice = AiAgentSteps.ToneStart(callerHeard, 660);
        Assert.True(humanVoice is not null, $"the caller should hear the human (presence {Tones.Presence(callerHeard, 660):P0})");
    }
}
