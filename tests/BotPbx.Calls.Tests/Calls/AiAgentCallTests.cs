using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;
using BotPbx.TestSupport.Voice;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>
/// AI agents on the real Asterisk, fully offline: a carrier's caller reaches an agent on a DID; the agent hears through
/// an ARI externalMedia channel on BotPBX's AudioSocket server, transcribes with pocketsphinx, thinks with a scripted
/// OpenAI-compatible server on loopback (real SSE chunks, tool calls in fragments) and speaks with flite.
/// </summary>
[Collection(RealPbx.Name)]
public sealed class AiAgentCallTests(PbxFixture pbx)
{
    private const string Greeting = "Thank you for calling Acme.";
    private const string CallerSays = "I would like to talk to sales please.";
    private const string Answer = "I will connect you to our sales team now.";
    private const string LongGreeting =
        "Thank you for calling Acme. Our opening hours are nine to five. We sell phones and headsets. Ask me about prices. Ask me about delivery. We are happy to help you today.";
    /// <summary>When the caller starts talking in the first test: after the greeting (which starts 1–3 s into the call on a busy machine).</summary>
    private static readonly TimeSpan CallerStartsTalking = TimeSpan.FromSeconds(6);

    private static readonly string[] AgentLines = [Greeting, Answer, "Our opening hours are nine to five.", "We are happy to help you today."];

    [CallFact]
    public async Task A_caller_talks_to_the_agent_which_understands_answers_and_transfers_to_a_queue_member()
    {
        var member = await pbx.CreateExtensionAsync("Sales agent");
        var queue = await pbx.Api.PostAsync("api/queues", new
        {
            number = pbx.NextNumber(), name = "AI sales queue", strategy = "ringall", memberTimeoutSeconds = 15, retrySeconds = 1,
            announcePosition = false, allowDynamicMembers = false,
            members = new[] { new { extensionId = member.Id, penalty = 0 } },
        });
        await using var llm = await ScriptedOpenAiServer.StartAsync(
            ScriptedReply.Say(Answer + " ", ScriptedToolCall.Of("call_1", "transfer", new { target = "sales", summary = "The caller wants sales." })));
        var (agentId, did) = await AgentOnDidAsync(llm, Greeting, new
        {
            name = "sales", kind = "queue", number = queue["number"]!.GetValue<string>(), description = "The sales team", warm = false,
        });
        await using var memberPhone = await pbx.PhoneAsync(member, toneHz: 660);
        await using var caller = await pbx.DidCallerAsync(sayWav: await CallerWavAsync(CallerSays, CallerStartsTalking));

        await caller.CallAsync(pbx.DidUri(did));
        await memberPhone.WaitForEventAsync("CALL_ESTABLISHED", TimeSpan.FromSeconds(40));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await caller.HangUpAsync();
        await memberPhone.WaitForEventAsync("CALL_CLOSED");

        // pocketsphinx heard the caller: the model was asked with the caller's words.
        var request = Assert.Single(llm.Requests);
        var messages = request["messages"]!.AsArray();
        Assert.Equal("i would like to talk to sales please", messages[^1]!["content"]!.GetValue<string>());
        Assert.Contains("transfer", request["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()));
        // flite spoke the greeting and the answer, and the caller heard both.
        var heard = await caller.HeardAsync();
        Wav.Write(Path.Combine(pbx.WorkDirectory, "ai-agent-transfer-caller-heard.wav"), heard);
        // ... then the queue member: the caller hears the member's 660 Hz. Words are recognised before it (a tone under
        // a grammar of sentences only confuses the recogniser).
        var member660 = ToneStart(heard, 660);
        Assert.True(member660 is not null, $"the caller should hear the member (presence {Tones.Presence(heard, 660):P0})");
        var greetingHeard = await Speech.RecogniseAsync(pbx, heard, AgentLines, to: CallerStartsTalking);
        Assert.Equal(Speech.Normalise(Greeting), greetingHeard);
        var answerHeard = await Speech.RecogniseAsync(pbx, heard, AgentLines, from: CallerStartsTalking, to: member660);
        Assert.Equal(Speech.Normalise(Answer), answerHeard);

        var conversation = await ConversationAsync(agentId);
        Assert.Equal("transferred", conversation.Outcome);
        Assert.Equal("sales", conversation.TransferredTo);
        Assert.Equal(["agent", "caller", "tool", "agent"], conversation.Turns.Select(t => t.Role));
        var answer = conversation.Turns[^1];
        Assert.Equal(Answer, answer.Text);
        Assert.True(answer.EndOfSpeech <= answer.SttFinal && answer.SttFinal <= answer.LlmFirstToken
            && answer.LlmFirstToken <= answer.TtsFirstAudio && answer.TtsFirstAudio <= answer.FirstFrameSent,
            "the waterfall's marks are all there and in order");
    }

    [CallFact]
    public async Task A_caller_talking_over_the_agent_stops_its_playback()
    {
        await using var llm = await ScriptedOpenAiServer.StartAsync(ScriptedReply.Say("Of course."));
        var (agentId, did) = await AgentOnDidAsync(llm, LongGreeting);
        // The long greeting takes ~10 s; the caller cuts in after ~3 s.
        await using var caller = await pbx.DidCallerAsync(sayWav: await CallerWavAsync(CallerSays, TimeSpan.FromSeconds(3)));

        await caller.CallAsync(pbx.DidUri(did));
        await WaitForAsync(async () => (await ConversationAsync(agentId)).Turns.Count(t => t.Role == "agent") >= 2, TimeSpan.FromSeconds(40));
        await caller.HangUpAsync();

        var conversation = await ConversationAsync(agentId);
        var greeting = conversation.Turns.First(t => t.Role == "agent");
        Assert.True(greeting.Interrupted, "the greeting was cut off");
        Assert.Equal("i would like to talk to sales please", conversation.Turns.First(t => t.Role == "caller").Text);
        var heard = await caller.HeardAsync();
        var recognised = await Speech.RecogniseAsync(pbx, heard, AgentLines);
        Assert.DoesNotContain(Speech.Normalise("We are happy to help you today."), recognised, StringComparison.Ordinal);
    }

    [CallFact]
    public async Task A_caller_hanging_up_mid_sentence_ends_the_conversation_as_caller_hung_up()
    {
        await using var llm = await ScriptedOpenAiServer.StartAsync(ScriptedReply.Say("Unused."));
        var (agentId, did) = await AgentOnDidAsync(llm, LongGreeting);
        await using var caller = await pbx.DidCallerAsync(sayWav: await CallerWavAsync(null, TimeSpan.Zero));

        await caller.CallAsync(pbx.DidUri(did));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await caller.HangUpAsync();
        await WaitForAsync(async () => (await ConversationAsync(agentId)).Outcome is not null, TimeSpan.FromSeconds(20));

        var conversation = await ConversationAsync(agentId);
        Assert.Equal("caller-hung-up", conversation.Outcome);
        Assert.True(conversation.Turns.Single().Interrupted);
        Assert.Empty(llm.Requests);
    }

    /// <summary>An offline agent (pocketsphinx with a grammar of what callers say here, the scripted LLM, flite) on a new DID.</summary>
    private async Task<(long AgentId, string Did)> AgentOnDidAsync(ScriptedOpenAiServer llm, string greeting, params object[] transferTargets)
    {
        var agentId = await pbx.CreateOfflineAgentAsync(llm, greeting, transferTargets);
        var did = await pbx.RouteDidAsync(new { type = "aiAgent", target = AiAgentSteps.Id(agentId) });
        await pbx.ApplyAndWaitForAriAsync();
        return (agentId, did);
    }

    private Task<string> CallerWavAsync(string? sentence, TimeSpan before) => pbx.CallerWavAsync(sentence, before);

    private Task<AgentConversation> ConversationAsync(long agentId) => pbx.LatestConversationAsync(agentId);

    private static TimeSpan? ToneStart(short[] samples, double hz) => AiAgentSteps.ToneStart(samples, hz);

    private static Task WaitForAsync(Func<Task<bool>> condition, TimeSpan limit) => AiAgentSteps.WaitForAsync(condition, limit);
}
