using System.Globalization;
using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>Music on hold: a caller waiting in a queue hears the queue's music until an agent answers.</summary>
[Collection(RealPbx.Name)]
public sealed class MusicOnHoldCallTests(PbxFixture pbx)
{
    private const double AgentHz = 1919;

    [CallFact]
    public async Task A_queue_caller_hears_music_on_hold_until_an_agent_answers()
    {
        var agent = await pbx.CreateExtensionAsync("Hold agent");
        var queue = await pbx.Api.PostAsync("api/queues", new
        {
            number = pbx.NextNumber(), name = "Hold queue", strategy = "ringall", mohClass = "default",
            announcePosition = false, allowDynamicMembers = false,
            members = new[] { new { extensionId = agent.Id, penalty = 0 } },
        });
        var did = await pbx.RouteDidAsync(new { type = "queue", target = queue["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture) });
        await pbx.Api.ApplyAsync();
        // 1919 Hz lies between two semitones (A#6, B6): music on hold never holds it as a note, as it may 660 Hz (E5).
        await using var agentPhone = await pbx.PhoneAsync(agent, toneHz: AgentHz, autoAnswer: false);
        await using var caller = await pbx.DidCallerAsync();

        await caller.CallAsync(pbx.DidUri(did));
        await agentPhone.WaitForEventAsync("CALL_INCOMING");
        var waiting = TimeSpan.FromSeconds(6);
        await Task.Delay(waiting);
        await agentPhone.AnswerAsync();
        await agentPhone.WaitForEventAsync("CALL_ESTABLISHED");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await caller.HangUpAsync();
        await agentPhone.WaitForEventAsync("CALL_CLOSED");

        var heard = await caller.HeardAsync();
        // The recording starts when the queue answers the caller; the agent answered about `waiting` later.
        var held = heard.AsSpan(Wav.SampleRate, (int)(waiting.TotalSeconds - 2) * Wav.SampleRate);
        Assert.True(Tones.Rms(held) > 300, $"the waiting caller should hear music, not silence (RMS {Tones.Rms(held):F0})");
        Assert.False(Tones.Heard(held, AgentHz), "while waiting, the caller should not hear the agent yet");
        Assert.True(Tones.Heard(heard, AgentHz), $"after the answer the caller should hear the agent's {AgentHz} Hz (presence {Tones.Presence(heard, AgentHz):P0})");
    }
}
