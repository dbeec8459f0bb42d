using BotPbx.Voice.Providers;
using BotPbx.Voice.Tests.Fakes;

namespace BotPbx.Voice.Tests.Pipeline;

/// <summary>A whole agent call over a real AudioSocket connection, with in-memory providers.</summary>
public sealed class TurnTakingTests
{
    private static readonly TimeSpan Speech = TimeSpan.FromMilliseconds(600);

    [Fact]
    public async Task The_greeting_is_spoken_as_soon_as_the_call_is_answered()
    {
        var tts = new ToneTts();
        await using var call = await AgentCallHarness.StartAsync(
            AgentCallHarness.Agent(a => a with { Greeting = "Thank you for calling Acme." }), ScriptedLlm.Saying("unused"), new ScriptedStt(), tts);

        await call.WaitUntilAsync(() => call.AgentSoundFrames() > 5);

        Assert.Equal(["Thank you for calling Acme."], tts.Sentences);
        await call.WaitForTurnAsync("agent");
        Assert.Equal("Thank you for calling Acme.", call.Store.Snapshot().Single(t => t.Role == "agent").Text);
    }

    [Fact]
    public async Task A_caller_turn_is_transcribed_answered_sentence_by_sentence_and_saved_with_its_waterfall()
    {
        var llm = ScriptedLlm.Saying("Hello there. The office opens at nine.");
        var tts = new ToneTts();
        await using var call = await AgentCallHarness.StartAsync(AgentCallHarness.Agent(), llm, new ScriptedStt("when do you open"), tts);

        call.Say(Speech);
        await call.WaitForTurnAsync("agent");

        var request = Assert.Single(llm.Requests);
        Assert.Equal([ChatRole.System, ChatRole.User], request.Messages.Select(m => m.Role));
        Assert.Equal("when do you open", request.Messages[1].Text);
        Assert.Equal(["Hello there.", "The office opens at nine."], tts.Sentences);
        var turns = call.Store.Snapshot();
        Assert.Equal(["caller", "agent"], turns.Select(t => t.Role));
        var timings = turns[1].Timings!;
        Assert.NotNull(timings.SttFinal);
        Assert.NotNull(timings.LlmFirstToken);
        Assert.NotNull(timings.TtsFirstAudio);
        Assert.NotNull(timings.FirstFrameSent);
        Assert.True(timings.EndOfSpeech <= timings.SttFinal && timings.SttFinal <= timings.LlmFirstToken
            && timings.LlmFirstToken <= timings.TtsFirstAudio && timings.TtsFirstAudio <= timings.FirstFrameSent);
        Assert.NotNull(Assert.Single(call.Measurements).OwnLatency);
        Assert.True(call.AgentSoundFrames() > 0);
    }

    [Fact]
    public async Task A_short_noise_is_not_a_turn()
    {
        var stt = new ScriptedStt("should not be asked");
        await using var call = await AgentCallHarness.StartAsync(AgentCallHarness.Agent(), ScriptedLlm.Saying("Hi."), stt, new ToneTts());

        call.Say(TimeSpan.FromMilliseconds(40));
        await Task.Delay(1200);

        Assert.Equal(0, stt.Turns);
        Assert.Empty(call.Store.Snapshot());
    }

    [Fact]
    public async Task The_caller_talking_over_the_agent_stops_playback_and_the_answer_is_saved_as_interrupted()
    {
        var tts = new ToneTts { PerCharacter = TimeSpan.FromMilliseconds(60) };
        var llm = ScriptedLlm.Saying("This is a very long answer that would take many seconds to say in full to anyone.", "Sure.");
        await using var call = await AgentCallHarness.StartAsync(AgentCallHarness.Agent(), llm, new ScriptedStt("tell me everything", "stop"), tts);

        call.Say(Speech);
        await call.WaitUntilAsync(() => call.AgentSoundFrames() > 10);
        call.Say(Speech);
        await call.WaitForTurnAsync("agent", 2);

        Assert.Single(call.BargeIns);
        var turns = call.Store.Snapshot();
        var first = turns.First(t => t.Role == "agent");
        Assert.True(first.Interrupted);
        // The whole answer is ~5 s (250 frames); the caller cut in after about a second.
        var answerFrames = 83 * 60 / 20;
        Assert.True(call.AgentSoundFrames() < answerFrames / 2, $"{call.AgentSoundFrames()} frames of the agent were heard");
        // The model heard what was cut off, and the caller's new words.
        var second = llm.Requests[1];
        Assert.Equal(ChatRole.Assistant, second.Messages[2].Role);
        Assert.Equal("stop", second.Messages[^1].Text);
    }

    [Fact]
    public async Task A_caller_hanging_up_mid_sentence_cancels_everything_and_ends_the_conversation()
    {
        var tts = new ToneTts { PerCharacter = TimeSpan.FromMilliseconds(80) };
        var llm = ScriptedLlm.Saying("This answer is long enough that the caller hangs up before it is over, surely.");
        var call = await AgentCallHarness.StartAsync(AgentCallHarness.Agent(), llm, new ScriptedStt("hello"), tts);
        await using var _ = call;

        call.Say(Speech);
        await call.WaitUntilAsync(() => call.AgentSoundFrames() > 5);
        await call.Peer.CloseAsync();

        var end = await call.EndAsync();
        Assert.Equal("caller-hung-up", end.Outcome);
        Assert.Equal("caller-hung-up", call.Store.Ended!.Outcome);
        Assert.DoesNotContain("hangup", call.Call.Actions);
        Assert.True(call.Store.Snapshot().Single(t => t.Role == "agent").Interrupted);
    }

    [Fact]
    public async Task Silence_brings_no_input_prompts_and_then_the_call_ends_as_silent()
    {
        var tts = new ToneTts();
        await using var call = await AgentCallHarness.StartAsync(
            AgentCallHarness.Agent(a => a with { SilenceTimeout = TimeSpan.FromMilliseconds(300) }), ScriptedLlm.Saying("unused"), new ScriptedStt(), tts);

        var end = await call.EndAsync();

        Assert.Equal("silence", end.Outcome);
        Assert.Equal(["Are you still there?", "Are you still there?", "Goodbye."], tts.Sentences);
        Assert.Equal(["hangup"], call.Call.Actions);
    }

    [Fact]
    public async Task The_last_allowed_turn_is_answered_and_then_the_call_ends()
    {
        await using var call = await AgentCallHarness.StartAsync(
            AgentCallHarness.Agent(a => a with { MaxTurns = 1 }), ScriptedLlm.Saying("Happy to help."), new ScriptedStt("question"), new ToneTts());

        call.Say(Speech);
        var end = await call.EndAsync();

        Assert.Equal("max-turns", end.Outcome);
        Assert.Equal(["caller", "agent"], call.Store.Snapshot().Select(t => t.Role));
        Assert.Equal(["hangup"], call.Call.Actions);
    }

    [Fact]
    public async Task An_end_call_phrase_from_the_caller_gets_a_reply_and_then_the_call_ends()
    {
        await using var call = await AgentCallHarness.StartAsync(
            AgentCallHarness.Agent(a => a with { EndCallPhrases = ["goodbye", "hang up"] }), ScriptedLlm.Saying("Thanks for calling!"),
            new ScriptedStt("ok goodbye then"), new ToneTts());

        call.Say(Speech);
        var end = await call.EndAsync();

        Assert.Equal("completed", end.Outcome);
        Assert.Equal("Thanks for calling!", call.Store.Snapshot().Single(t => t.Role == "agent").Text);
    }

    [Fact]
    public async Task A_keypress_reaches_the_model_as_a_caller_turn()
    {
        var llm = ScriptedLlm.Saying("You pressed one.");
        await using var call = await AgentCallHarness.StartAsync(AgentCallHarness.Agent(), llm, new ScriptedStt(), new ToneTts());

        await call.Peer.SendDtmfAsync('1', CancellationToken.None);
        await call.WaitForTurnAsync("agent");

        Assert.Equal("[The caller pressed 1]", llm.Requests[0].Messages[^1].Text);
    }
}
