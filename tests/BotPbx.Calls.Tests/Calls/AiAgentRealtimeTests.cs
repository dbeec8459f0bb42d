using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;
using BotPbx.TestSupport.Voice;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>
/// A speech-to-speech agent (OpenAI Realtime) on the real Asterisk: the caller's audio goes over AudioSocket to a
/// stand-in for the Realtime API on loopback (its GA WebSocket events), whose spoken answers — flite's voice, at 24 kHz —
/// come back to the caller's phone.
/// </summary>
[Collection(RealPbx.Name)]
public sealed class AiAgentRealtimeTests(PbxFixture pbx)
{
    private const string Greeting = "Thank you for calling Acme.";
    private const string CallerSays = "I would like to talk to sales please.";
    private const string Answer = "I will connect you to our sales team now.";
    private static readonly string[] Lines = [Greeting, Answer];

    [CallFact]
    public async Task A_caller_hears_a_realtime_agents_greeting_and_its_answer_to_what_they_said()
    {
        await using var realtime = await ScriptedRealtimeServer.StartAsync(
            (await Realtime24kAsync(Greeting), Greeting), (Speech.Normalise(CallerSays), await Realtime24kAsync(Answer), Answer));
        await pbx.Api.PutAsync("api/ai-providers/openai-realtime", new { apiKey = "sk-realtime-test", baseUrl = realtime.BaseUrl.ToString() });
        // The agent's LLM must be set, but a realtime agent never uses it: no request may reach it.
        await using var llm = await ScriptedOpenAiServer.StartAsync(ScriptedReply.Say("Unused."));
        var agentId = await pbx.CreateOfflineAgentAsync(llm, Greeting, [], body => body["realtimeProvider"] = "openai-realtime");
        var did = await pbx.RouteDidAsync(new { type = "aiAgent", target = AiAgentSteps.Id(agentId) });
        await pbx.ApplyAndWaitForAriAsync();
        await using var caller = await pbx.DidCallerAsync(sayWav: await pbx.CallerWavAsync(CallerSays, TimeSpan.FromSeconds(5)));

        await caller.CallAsync(pbx.DidUri(did));
        await AiAgentSteps.WaitForAsync(async () => (await pbx.LatestConversationAsync(agentId)).Turns.Count(t => t.Role == "agent") >= 2,
            TimeSpan.FromSeconds(40));
        await Task.Delay(TimeSpan.FromSeconds(4));
        await caller.HangUpAsync();

        var received = realtime.Received;
        Assert.Equal("session.update", received[0]["type"]!.GetValue<string>());
        Assert.Contains(received, m => m["type"]!.GetValue<string>() == "response.create");
        Assert.True(realtime.AppendedMs > 5000, $"the caller's audio reached the model ({realtime.AppendedMs} ms appended)");
        Assert.Empty(llm.Requests);
        var heard = await caller.HeardAsync();
        Wav.Write(Path.Combine(pbx.WorkDirectory, "ai-agent-realtime-caller-heard.wav"), heard);
        var recognised = await Speech.RecogniseAsync(pbx, heard, Lines);
        Assert.Contains(Speech.Normalise(Greeting), recognised, StringComparison.Ordinal);
        Assert.Contains(Speech.Normalise(Answer), recognised, StringComparison.Ordinal);
        var conversation = await pbx.LatestConversationAsync(agentId);
        Assert.Equal([$"agent:{Greeting}", $"caller:{Speech.Normalise(CallerSays)}", $"agent:{Answer}"],
            conversation.Turns.Select(t => $"{t.Role}:{t.Text}"));
    }

    /// <summary>flite's voice as the Realtime API sends audio: PCM16 at 24 kHz (flite's 8 kHz, interpolated).</summary>
    private async Task<short[]> Realtime24kAsync(string sentence)
    {
        var at8k = Wav.Read(await Speech.SayAsync(pbx, sentence));
        var at24k = new short[at8k.Length * 3];
        for (var i = 0; i < at8k.Length; i++)
        {
            var next = i + 1 < at8k.Length ? at8k[i + 1] : at8k[i];
            for (var k = 0; k < 3; k++) at24k[i * 3 + k] = (short)(at8k[i] + (next - at8k[i]) * k / 3);
        }
        return at24k;
    }
}
