using System.Globalization;
using System.Text.Json.Nodes;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>
/// The live model against real calls: what /ws, /api/live/* and /api/system/channels say while baresip phones ring,
/// talk and hang up on the real Asterisk, and after Asterisk or BotPBX restarts in the middle of a call.
/// </summary>
[Collection(RealPbx.Name)]
public sealed class LiveStateCallTests(PbxFixture pbx)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    [CallFact]
    public async Task A_call_between_two_phones_shows_as_new_answered_and_ended_with_the_callee_ringing_then_in_use_then_idle()
    {
        var alice = await pbx.CreateExtensionAsync("Alice live");
        var bob = await pbx.CreateExtensionAsync("Bob live");
        await pbx.Api.ApplyAsync();
        await using var alicePhone = await pbx.PhoneAsync(alice);
        await using var bobPhone = await pbx.PhoneAsync(bob, autoAnswer: false);
        await WaitForExtensionAsync(bob.Number, "available");
        await using var feed = await LiveFeedClient.ConnectAsync(pbx.Api, "call.*", $"extension.{bob.Number}.*");

        await alicePhone.DialAsync(pbx.Uri(bob.Number));
        await bobPhone.WaitForIncomingCallAsync();
        var started = await feed.EventAsync("call.new", d => d["from"]?.ToString() == alice.Number);
        var callId = started["call_id"]!.ToString();
        Assert.Equal(bob.Number, started["to"]!.ToString());
        Assert.Equal("internal", started["direction"]!.ToString());
        await feed.EventAsync("extension.status", d => d["extension"]?.ToString() == bob.Number && d["status"]?.ToString() == "ringing");
        var ringing = await LiveCallAsync(callId);
        Assert.Equal("ringing", ringing["state"]!.ToString());

        await bobPhone.AnswerAsync();
        await bobPhone.WaitForEventAsync("CALL_ESTABLISHED");
        var answered = await feed.EventAsync("call.answer", d => d["call_id"]?.ToString() == callId);
        Assert.Equal(bob.Number, answered["answered_by"]!.ToString());
        await feed.EventAsync("extension.status", d => d["extension"]?.ToString() == bob.Number && d["status"]?.ToString() == "busy");
        var channels = (await pbx.Api.GetAsync("api/system/channels"))["channels"]!.AsArray()
            .Select(c => c!.AsObject()).Where(c => c["callId"]?.ToString() == callId).ToList();
        Assert.Equal(2, channels.Count);
        Assert.All(channels, c => Assert.Equal("Up", c["state"]!.ToString()));
        Assert.Contains(channels, c => c["channel"]!.ToString().StartsWith("PJSIP/" + alice.Number + "-", StringComparison.Ordinal));
        Assert.Contains(channels, c => c["channel"]!.ToString().StartsWith("PJSIP/" + bob.Number + "-", StringComparison.Ordinal));

        await Task.Delay(TimeSpan.FromSeconds(2));
        await alicePhone.HangUpAsync();
        await bobPhone.WaitForEventAsync("CALL_CLOSED");
        var ended = await feed.EventAsync("call.end", d => d["call_id"]?.ToString() == callId);
        Assert.Equal("ANSWERED", ended["disposition"]!.ToString());
        Assert.InRange(ended["duration"]!.GetValue<int>(), 2, 60);
        var idle = await feed.EventAsync("extension.status", d => d["extension"]?.ToString() == bob.Number && d["previous"]?.ToString() == "busy");
        Assert.Equal("available", idle["status"]!.ToString());
        Assert.DoesNotContain((await pbx.Api.GetAsync("api/live/calls"))["items"]!.AsArray(), c => c!["callId"]!.ToString() == callId);
    }

    [CallFact]
    public async Task A_caller_waiting_in_a_queue_shows_in_the_queue_until_the_agent_answers()
    {
        var agent = await pbx.CreateExtensionAsync("Queue agent live");
        var caller = await pbx.CreateExtensionAsync("Queue caller live");
        var number = pbx.NextNumber();
        await pbx.Api.PostAsync("api/queues", new
        {
            number, name = "Live sales", strategy = "ringall", mohClass = "default",
            announcePosition = false, allowDynamicMembers = false,
            members = new[] { new { extensionId = agent.Id, penalty = 0 } },
        });
        await pbx.Api.ApplyAsync();
        await using var agentPhone = await pbx.PhoneAsync(agent, autoAnswer: false);
        await using var callerPhone = await pbx.PhoneAsync(caller);
        await using var feed = await LiveFeedClient.ConnectAsync(pbx.Api, "queue.Live sales.*", "call.*");

        await callerPhone.DialAsync(pbx.Uri(number));
        await agentPhone.WaitForIncomingCallAsync();
        var update = await feed.EventAsync("queue.update", d => d["calls_waiting"]?.GetValue<int>() == 1);
        Assert.Equal("Live sales", update["queue"]!.ToString());
        Assert.Equal(number, update["number"]!.ToString());
        var queue = (await pbx.Api.GetAsync("api/live/queues"))["items"]!.AsArray().Select(q => q!["queue"]!.AsObject())
            .Single(q => q["queue"]!.ToString() == number);
        var waiting = Assert.Single(queue["callers"]!.AsArray());
        Assert.Equal(caller.Number, waiting!["callerIdNum"]!.ToString());
        Assert.Contains(queue["members"]!.AsArray(), m => m!["extension"]?.ToString() == agent.Number);

        await Task.Delay(TimeSpan.FromSeconds(2));
        await agentPhone.AnswerAsync();
        await agentPhone.WaitForEventAsync("CALL_ESTABLISHED");
        await feed.EventAsync("queue.update", d => d["calls_waiting"]?.GetValue<int>() == 0);
        var answered = await feed.EventAsync("call.answer", d => d["answered_by"]?.ToString() == agent.Number);
        await callerPhone.HangUpAsync();
        await feed.EventAsync("call.end", d => d["call_id"]?.ToString() == answered["call_id"]!.ToString());
    }

    [CallFact]
    public async Task After_BotPBX_restarts_mid_call_it_finds_the_call_again_and_sees_it_end()
    {
        var alice = await pbx.CreateExtensionAsync("Alice backend restart");
        var bob = await pbx.CreateExtensionAsync("Bob backend restart");
        await pbx.Api.ApplyAsync();
        await using var alicePhone = await pbx.PhoneAsync(alice);
        await using var bobPhone = await pbx.PhoneAsync(bob);
        await alicePhone.CallAsync(pbx.Uri(bob.Number));
        var before = await CallOfAsync(alice.Number);

        await pbx.Api.StopAsync();
        await pbx.Api.StartAsync();
        await pbx.WaitForAmiAsync(TimeSpan.FromSeconds(30));

        var found = await CallOfAsync(alice.Number);
        Assert.Equal(before["callId"]!.ToString(), found["callId"]!.ToString());
        Assert.Equal(bob.Number, found["to"]!.ToString());
        Assert.Equal("answered", found["state"]!.ToString());
        Assert.Equal(2, found["channels"]!.AsArray().Count);
        // Its start comes from Asterisk's channel age, not from the moment BotPBX came back.
        var startedAt = DateTimeOffset.Parse(found["startedAt"]!.ToString(), CultureInfo.InvariantCulture);
        Assert.True(startedAt <= DateTimeOffset.Parse(before["startedAt"]!.ToString(), CultureInfo.InvariantCulture).AddSeconds(2));

        await using var feed = await LiveFeedClient.ConnectAsync(pbx.Api, "call.*");
        await alicePhone.HangUpAsync();
        await feed.EventAsync("call.end", d => d["call_id"]?.ToString() == found["callId"]!.ToString());
    }

    [CallFact]
    public async Task After_core_restart_mid_call_the_model_matches_Asterisk_again()
    {
        var alice = await pbx.CreateExtensionAsync("Alice core restart");
        var bob = await pbx.CreateExtensionAsync("Bob core restart");
        await pbx.Api.ApplyAsync();
        await using var alicePhone = await pbx.PhoneAsync(alice);
        await using var bobPhone = await pbx.PhoneAsync(bob);
        await alicePhone.CallAsync(pbx.Uri(bob.Number));
        var call = await CallOfAsync(alice.Number);
        await using var feed = await LiveFeedClient.ConnectAsync(pbx.Api, "call.*");

        // `core restart now` drops every call: the restart's lost events must not leave the call on the dashboard.
        await pbx.Asterisk.RestartAsync();
        await pbx.WaitForAmiAsync(TimeSpan.FromSeconds(60));
        await feed.EventAsync("call.end", d => d["call_id"]?.ToString() == call["callId"]!.ToString(), Settle);
        var deadline = DateTime.UtcNow + Settle;
        while ((await pbx.Api.GetAsync("api/system/channels"))["channels"]!.AsArray().Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(250);
        Assert.Empty((await pbx.Api.GetAsync("api/system/channels"))["channels"]!.AsArray());
        Assert.Contains("0 active channels", await pbx.Asterisk.CliOutputAsync("core show channels count"), StringComparison.Ordinal);

        // And what it shows next is true again: a new call appears.
        await alicePhone.WaitForRegistrationAsync();
        await bobPhone.WaitForRegistrationAsync();
        await alicePhone.CallAsync(pbx.Uri(bob.Number));
        Assert.NotEqual(call["callId"]!.ToString(), (await CallOfAsync(alice.Number))["callId"]!.ToString());
        await alicePhone.HangUpAsync();
    }

    /// <summary>The live call whose caller is <paramref name="from"/>, waiting up to <see cref="Settle"/> for it.</summary>
    private async Task<JsonObject> CallOfAsync(string from)
    {
        var deadline = DateTime.UtcNow + Settle;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            var calls = await pbx.Api.GetAsync("api/live/calls");
            last = calls.ToJsonString();
            if (calls["items"]!.AsArray().Select(c => c!.AsObject()).FirstOrDefault(c => c["from"]?.ToString() == from && c["state"]?.ToString() == "answered") is { } call)
                return call;
            await Task.Delay(250);
        }
        throw new TimeoutException($"no answered live call from {from} (last answer {last})");
    }

    private async Task<JsonObject> LiveCallAsync(string callId)
    {
        var calls = await pbx.Api.GetAsync("api/live/calls");
        return calls["items"]!.AsArray().Select(c => c!.AsObject()).Single(c => c["callId"]!.ToString() == callId);
    }

    private async Task WaitForExtensionAsync(string number, string status)
    {
        var deadline = DateTime.UtcNow + Settle;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            var extensions = await pbx.Api.GetAsync("api/live/extensions");
            var ext = extensions["items"]!.AsArray().Select(e => e!.AsObject()).FirstOrDefault(e => e["extension"]?.ToString() == number);
            last = ext?.ToJsonString() ?? "(none)";
            if (ext?["status"]?.ToString() == status) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"extension {number} did not become {status} (last {last})");
    }
}
