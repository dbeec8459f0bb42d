using System.Globalization;
using System.Text.Json.Nodes;
using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>
/// Outbound campaigns on the real Asterisk: AMD on real audio (a person's short "Hello?" and a machine's long greeting),
/// the hand-off to a queue member, the voicemail message after the beep, retries of busy and unanswered numbers, and a
/// service killed in the middle of a run that neither dials anyone twice nor loses an outcome.
/// </summary>
[Collection(RealPbx.Name)]
public sealed class CampaignCallTests(PbxFixture pbx)
{
    private const double AgentHz = 1919;
    private const string VoicemailMessage = "this is your appointment reminder for tomorrow at ten";

    [CallFact]
    public async Task A_person_saying_hello_is_handed_to_a_free_queue_member_and_a_machine_gets_the_message_after_the_beep()
    {
        var agent = await pbx.CreateExtensionAsync("Campaign agent");
        var queue = await pbx.Api.PostAsync("api/queues", new
        {
            number = pbx.NextNumber(), name = "Campaign queue", strategy = "ringall", mohClass = "default",
            announcePosition = false, allowDynamicMembers = false,
            members = new[] { new { extensionId = agent.Id, penalty = 0 } },
        });
        var hello = await Campaigns.SpeechThenSilenceAsync(pbx, "Hello?", TimeSpan.FromSeconds(40));
        var greeting = await Campaigns.SpeechThenSilenceAsync(pbx,
            "Hi, you have reached the voicemail of John Smith. I cannot take your call right now, please leave a message after the tone.",
            TimeSpan.FromSeconds(40), beepHz: 1000);
        var (person, personTrunk) = await pbx.SubscriberAsync(a => Carrier.StartSpeakingAsync(pbx, a, hello));
        await using var personLine = person;
        var (machine, machineTrunk) = await pbx.SubscriberAsync(a => Carrier.StartSpeakingAsync(pbx, a, greeting));
        await using var machineLine = machine;
        var (personNumber, machineNumber) = (pbx.NextE164(), pbx.NextE164());
        var toQueue = new { type = "queue", target = queue.Number("id").ToString(CultureInfo.InvariantCulture) };
        var humanCampaign = await pbx.CreateCampaignAsync("AMD human", personTrunk, toQueue);
        var machineCampaign = await pbx.CreateCampaignAsync("AMD machine", machineTrunk, toQueue, c =>
            c["onVoicemail"] = new JsonObject { ["action"] = "playRecording", ["text"] = VoicemailMessage });
        await pbx.Api.ApplyAsync();
        await using var agentPhone = await pbx.PhoneAsync(agent, toneHz: AgentHz);
        await pbx.Api.PostAsync($"api/campaigns/{humanCampaign}/contacts", new[] { new { phone = personNumber, variables = new { first_name = "Ann" } } });
        await pbx.Api.PostAsync($"api/campaigns/{machineCampaign}/contacts", new[] { new { phone = machineNumber } });

        await pbx.Api.PostAsync($"api/campaigns/{humanCampaign}/start", new { });
        await pbx.Api.PostAsync($"api/campaigns/{machineCampaign}/start", new { });

        await agentPhone.WaitForEventAsync("CALL_ESTABLISHED", TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await agentPhone.HangUpAsync();
        var human = await pbx.WaitForStatsAsync(humanCampaign, s => s.Number("connected") == 1 && s.Number("inProgress") == 0, TimeSpan.FromSeconds(30));
        var voicemail = await pbx.WaitForStatsAsync(machineCampaign, s => s.Number("voicemail") == 1 && s.Number("inProgress") == 0, TimeSpan.FromSeconds(60));

        Assert.Equal(0, human.Number("voicemail"));
        Assert.Equal(0, voicemail.Number("connected"));
        var personContact = (await pbx.ContactsAsync(humanCampaign)).Single()!;
        Assert.Equal("answered-human", personContact["state"]!.ToString());
        Assert.Equal("HUMAN", (await pbx.AttemptsAsync(humanCampaign, personContact.Number("id"))).Single()!["amdStatus"]!.ToString());
        var machineContact = (await pbx.ContactsAsync(machineCampaign)).Single()!;
        Assert.Equal("machine", machineContact["state"]!.ToString());
        Assert.Equal("MACHINE", (await pbx.AttemptsAsync(machineCampaign, machineContact.Number("id"))).Single()!["amdStatus"]!.ToString());
        Assert.Equal(1, agentPhone.IncomingCallCount);
        Assert.Equal(personNumber, Carrier.DialledNumber(person.Invites().Single()));
        Assert.Equal(machineNumber, Carrier.DialledNumber(machine.Invites().Single()));
        // The message is played to the machine's channel once WaitForSilence has heard the silence after the beep.
        var console = System.Text.RegularExpressions.Regex.Replace(await File.ReadAllTextAsync(pbx.Asterisk.ConsoleLog), "\u001b\\[[0-9;]*m", "");
        var machineChannel = $"PJSIP/botpbx-trunk-{machineTrunk}-";
        var waited = console.IndexOf("WaitForSilence(\"" + machineChannel, StringComparison.Ordinal);
        var played = console.IndexOf("Playback(\"" + machineChannel, StringComparison.Ordinal);
        Assert.True(waited >= 0 && played > waited, "the machine's channel should wait for the silence after the beep, then play the message");
    }

    [CallFact]
    public async Task A_busy_number_and_an_unanswered_one_are_each_tried_again_after_their_delay()
    {
        var busyAddress = pbx.NextCarrierAddress();
        await using var busyCarrier = await Carrier.StartAsync(pbx, busyAddress, 486);
        var busyTrunk = await pbx.CreateTrunkAsync("Busy callee " + busyAddress.Replace('.', '-'), busyAddress, busyCarrier.Port);
        var (silent, silentTrunk) = await pbx.SubscriberAsync(a => Carrier.StartRingingAsync(pbx, a));
        await using var silentLine = silent;
        var silentNumber = pbx.NextE164();
        var agent = await pbx.CreateExtensionAsync("Retry agent");
        var toAgent = new { type = "extension", target = agent.Id.ToString(CultureInfo.InvariantCulture) };
        void Retry(JsonObject c)
        {
            c["retry"] = new JsonObject { ["attempts"] = 1, ["noAnswerDelaySeconds"] = 4, ["busyDelaySeconds"] = 3, ["failedDelaySeconds"] = 3 };
            c["answerTimeoutSeconds"] = 5;
        }
        var busyCampaign = await pbx.CreateCampaignAsync("Busy retry", busyTrunk, toAgent, Retry);
        var silentCampaign = await pbx.CreateCampaignAsync("No answer retry", silentTrunk, toAgent, Retry);
        await pbx.Api.ApplyAsync();
        await pbx.Api.PostAsync($"api/campaigns/{busyCampaign}/contacts", new[] { new { phone = pbx.NextE164() } });
        await pbx.Api.PostAsync($"api/campaigns/{silentCampaign}/contacts", new[] { new { phone = silentNumber } });

        await pbx.Api.PostAsync($"api/campaigns/{busyCampaign}/start", new { });
        await pbx.Api.PostAsync($"api/campaigns/{silentCampaign}/start", new { });
        var busy = await pbx.WaitForStatsAsync(busyCampaign, s => s.Number("busy") == 2 && s.Number("inProgress") == 0, TimeSpan.FromSeconds(40));
        var silentStats = await pbx.WaitForStatsAsync(silentCampaign, s => s.Number("noAnswer") == 2 && s.Number("inProgress") == 0, TimeSpan.FromSeconds(60));

        Assert.Equal(2, busy.Number("total"));
        Assert.Equal(2, silentStats.Number("total"));
        Assert.Equal(2, busyCarrier.Invites().Count);
        Assert.Equal(2, silent.Invites().Count);
        foreach (var (campaign, delay) in new[] { (busyCampaign, 3), (silentCampaign, 4) })
        {
            var contact = (await pbx.ContactsAsync(campaign)).Single()!;
            Assert.Equal("done", contact["state"]!.ToString());
            var attempts = await pbx.AttemptsAsync(campaign, contact.Number("id"));
            Assert.Equal(2, attempts.Count);
            var firstEnded = DateTimeOffset.Parse(attempts[0]!["endedAt"]!.ToString(), CultureInfo.InvariantCulture);
            var secondStarted = DateTimeOffset.Parse(attempts[1]!["startedAt"]!.ToString(), CultureInfo.InvariantCulture);
            Assert.True(secondStarted - firstEnded >= TimeSpan.FromSeconds(delay) - TimeSpan.FromMilliseconds(100),
                $"the retry came {(secondStarted - firstEnded).TotalSeconds:F1} s after the first attempt; the delay is {delay} s");
        }
    }

    [CallFact]
    public async Task Killing_the_service_in_the_middle_of_a_run_dials_nobody_twice_and_loses_no_outcome()
    {
        var carrierAddress = pbx.NextCarrierAddress();
        await using var carrier = await Carrier.StartAsync(pbx, carrierAddress, 200);
        var trunk = await pbx.CreateTrunkAsync("Crash carrier " + carrierAddress.Replace('.', '-'), carrierAddress, carrier.Port);
        var agent = await pbx.CreateExtensionAsync("Crash agent");
        var campaign = await pbx.CreateCampaignAsync("Crash recovery", trunk,
            new { type = "extension", target = agent.Id.ToString(CultureInfo.InvariantCulture) }, c =>
            {
                c["concurrentCalls"] = 1;
                c["amd"] = new JsonObject { ["enabled"] = false };
            });
        await pbx.Api.ApplyAsync();
        await using var agentPhone = await pbx.PhoneAsync(agent, toneHz: AgentHz);
        var numbers = Enumerable.Range(0, 3).Select(_ => pbx.NextE164()).ToList();
        await pbx.Api.PostAsync($"api/campaigns/{campaign}/contacts", numbers.Select(n => new { phone = n }).ToArray());

        await pbx.Api.PostAsync($"api/campaigns/{campaign}/start", new { });
        await agentPhone.WaitForEventAsync("CALL_ESTABLISHED", TimeSpan.FromSeconds(30));
        await pbx.WaitForStatsAsync(campaign, s => s.Number("connected") == 1, TimeSpan.FromSeconds(10));
        var first = (await pbx.ContactsAsync(campaign)).Single(c => c!["state"]!.ToString() == "answered-human")!;
        var firstCall = Guid.Parse((await pbx.AttemptsAsync(campaign, first.Number("id"))).Single()!["id"]!.ToString()).ToString("N");
        // SIGKILL (Process.Kill) while the first call is up, then a new service process on the same database.
        await pbx.Api.StopAsync();
        Assert.Contains(firstCall, await pbx.Asterisk.CliOutputAsync("core show channels concise"), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await pbx.Api.StartAsync();
        await agentPhone.HangUpAsync();
        for (var i = 1; i < numbers.Count; i++)
        {
            await agentPhone.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(10));
            await WaitUntilAsync(() => agentPhone.IncomingCallCount == i + 1, TimeSpan.FromSeconds(30), $"call {i + 1} to reach the agent");
            await Task.Delay(TimeSpan.FromSeconds(1));
            await agentPhone.HangUpAsync();
        }
        var stats = await pbx.WaitForStatsAsync(campaign, s => s.Number("connected") == 3 && s.Number("inProgress") == 0, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(3, stats.Number("total"));
        var dialled = carrier.Invites().Select(Carrier.DialledNumber).ToList();
        Assert.Equal(numbers.Order(StringComparer.Ordinal), dialled.Order(StringComparer.Ordinal));
        Assert.Equal(3, agentPhone.IncomingCallCount);
        Assert.DoesNotContain(firstCall, await pbx.Asterisk.CliOutputAsync("core show channels concise"), StringComparison.Ordinal);
        foreach (var contact in await pbx.ContactsAsync(campaign))
        {
            Assert.Equal("answered-human", contact!["state"]!.ToString());
            var attempt = (await pbx.AttemptsAsync(campaign, contact.Number("id"))).Single()!;
            Assert.NotNull(attempt["endedAt"]);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("waited in vain for " + what);
            await Task.Delay(100);
        }
    }
}
