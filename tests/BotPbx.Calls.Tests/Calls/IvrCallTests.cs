using System.Text.Json.Nodes;
using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>
/// An IVR built and published through the REST API, reached from a carrier's DID: the caller hears the menu (words
/// recognised by pocketsphinx), and each way out of the menu — a digit, silence, a wrong key — does what the flow says.
/// </summary>
[Collection(RealPbx.Name)]
public sealed class IvrCallTests(PbxFixture pbx)
{
    private const string Welcome = "Welcome to the test company. Press one for sales.";
    private const string NoChoice = "We did not hear a choice. Goodbye.";
    private const string WrongKey = "Sorry, that is not a valid choice. Goodbye.";
    private const string TryAgain = "That key is not on the menu. Please try again.";
    private static readonly string[] Prompts = [Welcome, NoChoice, WrongKey, TryAgain];

    /// <summary>The menu prompt (and the quiet after it) lasts this long: keys are pressed after it.</summary>
    private static readonly TimeSpan MenuPlayed = TimeSpan.FromSeconds(5);

    [CallFact]
    public async Task The_caller_hears_the_menu_and_pressing_one_reaches_an_extension()
    {
        var sales = await pbx.CreateExtensionAsync("Sales desk");
        var (ivr, did) = await MenuIvrAsync(f => f.Transfer("sales", "extension", sales.Number));
        await using var salesPhone = await pbx.PhoneAsync(sales, toneHz: 660);
        await using var caller = await pbx.DidCallerAsync(toneHz: 440);

        await caller.CallAsync(pbx.DidUri(did));
        await Task.Delay(MenuPlayed);
        await caller.PressAsync("1");
        await salesPhone.WaitForEventAsync("CALL_ESTABLISHED", TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await caller.HangUpAsync();
        await salesPhone.WaitForEventAsync("CALL_CLOSED");

        var heard = await caller.HeardAsync();
        Assert.Equal(Speech.Normalise(Welcome), await Speech.RecogniseAsync(pbx, heard, Prompts, to: MenuPlayed));
        Assert.True(Tones.Heard(heard, 660), $"the caller should hear the sales desk's 660 Hz (presence {Tones.Presence(heard, 660):P0})");
        var deskHeard = await salesPhone.HeardAsync();
        Assert.True(Tones.Heard(deskHeard, 440), $"the sales desk should hear the caller's 440 Hz (presence {Tones.Presence(deskHeard, 440):P0})");
        Assert.Contains("menu:digit-1", IvrApi.Steps(await pbx.LastTraceAsync(ivr)));
    }

    [CallFact]
    public async Task A_caller_who_presses_nothing_hears_the_timeout_message_and_is_hung_up()
    {
        var (ivr, did) = await MenuIvrAsync(f => f.Hangup("sales"));
        await using var caller = await pbx.DidCallerAsync();

        await caller.CallAsync(pbx.DidUri(did));
        await caller.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(30));

        var heard = await caller.HeardAsync();
        Assert.Equal(Speech.Normalise(Welcome) + " " + Speech.Normalise(NoChoice), await Speech.RecogniseAsync(pbx, heard, Prompts));
        Assert.Contains("menu:timeout", IvrApi.Steps(await pbx.LastTraceAsync(ivr)));
    }

    [CallFact]
    public async Task A_caller_who_presses_a_key_not_on_the_menu_hears_the_invalid_message_and_is_hung_up()
    {
        var (ivr, did) = await MenuIvrAsync(f => f.Hangup("sales"));
        await using var caller = await pbx.DidCallerAsync();

        await caller.CallAsync(pbx.DidUri(did));
        await Task.Delay(MenuPlayed);
        await caller.PressAsync("7");
        await caller.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(30));

        var heard = await caller.HeardAsync();
        Assert.Equal(Speech.Normalise(Welcome) + " " + Speech.Normalise(WrongKey), await Speech.RecogniseAsync(pbx, heard, Prompts));
        Assert.Contains("menu:invalid", IvrApi.Steps(await pbx.LastTraceAsync(ivr)));
    }

    [CallFact]
    public async Task Without_invalid_and_timeout_paths_the_menu_asks_again_then_gives_up_after_its_retries()
    {
        // One retry; no edges on invalid or timeout, so the menu itself says "try again", and after the second failed
        // attempt it follows maxRetries.
        var flow = new IvrFlow()
            .Node("menu", "menu", new JsonObject
            {
                ["prompt"] = IvrFlow.Tts(Welcome),
                ["options"] = new JsonArray(new JsonObject { ["digit"] = "1" }),
                ["timeoutSeconds"] = 2,
                ["retries"] = 1,
                ["invalidPrompt"] = IvrFlow.Tts(TryAgain),
            })
            .Play("noChoice", NoChoice).Hangup("bye")
            .Then("start", "next", "menu")
            .Then("menu", "maxRetries", "noChoice")
            .Then("noChoice", "next", "bye");
        var ivr = await pbx.PublishIvrAsync("Retries " + pbx.NextNumber(), flow);
        var did = await pbx.RouteDidAsync(new { type = "ivr", target = ivr.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await pbx.Api.ApplyAsync();
        await using var caller = await pbx.DidCallerAsync();

        await caller.CallAsync(pbx.DidUri(did));
        await Task.Delay(MenuPlayed - TimeSpan.FromSeconds(1));
        await caller.PressAsync("7");
        await caller.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(40));

        var heard = await caller.HeardAsync();
        string[] expected = [Welcome, TryAgain, Welcome, NoChoice];
        Assert.Equal(string.Join(" ", expected.Select(Speech.Normalise)), await Speech.RecogniseAsync(pbx, heard, Prompts));
        Assert.Contains("menu:maxRetries", IvrApi.Steps(await pbx.LastTraceAsync(ivr)));
    }

    [CallFact]
    public async Task Pressing_one_reaches_a_ring_all_ring_group_and_every_member_rings()
    {
        var first = await pbx.CreateExtensionAsync("Ring all one");
        var second = await pbx.CreateExtensionAsync("Ring all two");
        var group = await pbx.Api.PostAsync("api/ring-groups", new
        {
            number = pbx.NextNumber(), name = "Sales all", strategy = "ringAll", ringSeconds = 20,
            memberExtensionIds = new[] { first.Id, second.Id },
        });
        var (_, did) = await MenuIvrAsync(f => f.Transfer("sales", "ringGroup", group["number"]!.GetValue<string>()));
        await using var firstPhone = await pbx.PhoneAsync(first, toneHz: 660, autoAnswer: false);
        await using var secondPhone = await pbx.PhoneAsync(second, toneHz: 880, autoAnswer: false);
        await using var caller = await pbx.DidCallerAsync();

        await caller.CallAsync(pbx.DidUri(did));
        await Task.Delay(MenuPlayed);
        await caller.PressAsync("1");
        // Both ring at once; the second answers, and the first stops ringing.
        await firstPhone.WaitForEventAsync("CALL_INCOMING");
        await secondPhone.WaitForEventAsync("CALL_INCOMING");
        await secondPhone.AnswerAsync();
        await secondPhone.WaitForEventAsync("CALL_ESTABLISHED");
        await firstPhone.WaitForEventAsync("CALL_CLOSED");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await caller.HangUpAsync();
        await secondPhone.WaitForEventAsync("CALL_CLOSED");

        var heard = await caller.HeardAsync();
        Assert.True(Tones.Heard(heard, 880), $"the caller should hear the answering member's 880 Hz (presence {Tones.Presence(heard, 880):P0})");
        Assert.False(Tones.Heard(heard, 660), "the caller should not hear the member who did not answer");
    }

    [CallFact]
    public async Task Pressing_one_reaches_a_hunt_ring_group_that_rings_the_next_member_when_the_first_does_not_answer()
    {
        var first = await pbx.CreateExtensionAsync("Hunt one");
        var second = await pbx.CreateExtensionAsync("Hunt two");
        var group = await pbx.Api.PostAsync("api/ring-groups", new
        {
            number = pbx.NextNumber(), name = "Sales hunt", strategy = "hunt", ringSeconds = 5,
            memberExtensionIds = new[] { first.Id, second.Id },
        });
        var (_, did) = await MenuIvrAsync(f => f.Transfer("sales", "ringGroup", group["number"]!.GetValue<string>()));
        // Nobody answers the first within the group's 5 s, so the second rings and (auto-)answers.
        var (_, agentHeard) = await PressOneAndReachTheSecondMemberAsync(first, second, did, firstGivesUp: true);

        Assert.True(Tones.Heard(agentHeard, 440), $"the second member should hear the caller's 440 Hz (presence {Tones.Presence(agentHeard, 440):P0})");
    }

    [CallFact]
    public async Task Pressing_one_reaches_a_linear_queue_whose_second_member_answers_when_the_first_does_not()
    {
        var first = await pbx.CreateExtensionAsync("Agent one");
        var second = await pbx.CreateExtensionAsync("Agent two");
        var queue = await pbx.Api.PostAsync("api/queues", new
        {
            number = pbx.NextNumber(), name = "Sales queue", strategy = "linear", memberTimeoutSeconds = 5, retrySeconds = 1,
            announcePosition = false, allowDynamicMembers = false,
            members = new[] { new { extensionId = first.Id, penalty = 0 }, new { extensionId = second.Id, penalty = 0 } },
        });
        var (_, did) = await MenuIvrAsync(f => f.Transfer("sales", "queue", queue["number"]!.GetValue<string>()));
        // linear: the first member (in the queue's order) rings alone, then the next.
        var (_, agentHeard) = await PressOneAndReachTheSecondMemberAsync(first, second, did, firstGivesUp: false);

        Assert.True(Tones.Heard(agentHeard, 440), $"the agent should hear the caller's 440 Hz (presence {Tones.Presence(agentHeard, 440):P0})");
    }

    /// <summary>
    /// The caller dials the DID and presses 1; the first member's phone rings alone and is not answered, the second
    /// (auto-)answers, and the caller hears it (880 Hz). Returns what the caller and the second member heard.
    /// </summary>
    private async Task<(short[] CallerHeard, short[] SecondHeard)> PressOneAndReachTheSecondMemberAsync(
        ExtensionInfo first, ExtensionInfo second, string did, bool firstGivesUp)
    {
        await using var firstPhone = await pbx.PhoneAsync(first, toneHz: 660, autoAnswer: false);
        await using var secondPhone = await pbx.PhoneAsync(second, toneHz: 880);
        await using var caller = await pbx.DidCallerAsync();

        await caller.CallAsync(pbx.DidUri(did));
        await Task.Delay(MenuPlayed);
        await caller.PressAsync("1");
        await firstPhone.WaitForEventAsync("CALL_INCOMING");
        Assert.False(secondPhone.EverRang, "the second member must not ring while the first does");
        if (firstGivesUp) await firstPhone.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(15));
        await secondPhone.WaitForEventAsync("CALL_ESTABLISHED", TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await caller.HangUpAsync();
        await secondPhone.WaitForEventAsync("CALL_CLOSED");

        var heard = await caller.HeardAsync();
        Assert.True(Tones.Heard(heard, 880), $"the caller should hear the second member's 880 Hz (presence {Tones.Presence(heard, 880):P0})");
        return (heard, await secondPhone.HeardAsync());
    }

    [CallFact]
    public async Task Pressing_one_leaves_a_message_in_the_extensions_mailbox()
    {
        var owner = await pbx.CreateExtensionAsync("Mailbox owner", voicemail: new { enabled = true, pin = "4321" });
        var (ivr, did) = await MenuIvrAsync(f => f.Node("sales", "voicemail", new JsonObject { ["mailbox"] = owner.Number }));
        var inbox = Path.Combine(pbx.Asterisk.SpoolDirectory, "voicemail", "botpbx", owner.Number, "INBOX");
        await using var caller = await pbx.DidCallerAsync(toneHz: 440);

        await caller.CallAsync(pbx.DidUri(did));
        await Task.Delay(MenuPlayed);
        await caller.PressAsync("1");
        // "The person at extension … is unavailable" (about 12 s with the number and the instructions) and the beep;
        // then the caller's tone is the message, longer than voicemail.conf's minsecs=3.
        await Task.Delay(TimeSpan.FromSeconds(22));
        await caller.HangUpAsync();

        var message = await WaitForFileAsync(inbox, "msg0000.txt", TimeSpan.FromSeconds(15));
        var info = await File.ReadAllTextAsync(message);
        Assert.Contains("callerid=", info, StringComparison.Ordinal);
        var audio = Directory.GetFiles(inbox, "msg0000.wav").Single();
        var recorded = Wav.Read(audio);
        Assert.True(Tones.Heard(recorded, 440), $"the message should hold the caller's 440 Hz (presence {Tones.Presence(recorded, 440):P0})");
        Assert.Contains("menu:digit-1", IvrApi.Steps(await pbx.LastTraceAsync(ivr)));
    }

    [CallFact]
    public async Task A_record_message_node_records_the_caller_into_a_file_named_by_its_variable()
    {
        var flow = new IvrFlow()
            .Node("record", "recordMessage", new JsonObject
            {
                ["prompt"] = IvrFlow.Tts("Please leave a message for the team."),
                ["maxSeconds"] = 4,
                ["variable"] = "MESSAGE",
            })
            .Play("thanks", "Thank you. Goodbye.").Hangup("bye")
            .Then("start", "next", "record")
            .Then("record", "next", "thanks")
            .Then("thanks", "next", "bye");
        var ivr = await pbx.PublishIvrAsync("Record " + pbx.NextNumber(), flow);
        var did = await pbx.RouteDidAsync(new { type = "ivr", target = ivr.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await pbx.Api.ApplyAsync();
        await using var caller = await pbx.DidCallerAsync(toneHz: 440);

        await caller.CallAsync(pbx.DidUri(did));
        await caller.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(30));

        var trace = await pbx.LastTraceAsync(ivr);
        var file = trace["variables"]?["MESSAGE"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(file), "the variable should name the recording: " + trace.ToJsonString());
        Assert.True(File.Exists(file), $"{file} should exist; trace: {trace.ToJsonString()}");
        var recorded = Wav.Read(file);
        Assert.True(Tones.Heard(recorded, 440), $"the recording should hold the caller's 440 Hz (presence {Tones.Presence(recorded, 440):P0})");
        var heard = await caller.HeardAsync();
        Assert.Equal("please leave a message for the team thank you goodbye",
            await Speech.RecogniseAsync(pbx, heard, ["Please leave a message for the team.", "Thank you. Goodbye."]));
    }

    [CallFact]
    public async Task Digits_the_caller_types_are_collected_and_read_back()
    {
        const string AskAccount = "Please enter your account number.";
        var flow = new IvrFlow()
            .Node("account", "dtmfInput", new JsonObject
            {
                ["prompt"] = IvrFlow.Tts(AskAccount),
                ["variable"] = "ACCOUNT",
                ["maxDigits"] = 6,
                ["timeoutSeconds"] = 5,
                ["terminator"] = "#",
            })
            .Node("readBack", "playDigits", new JsonObject { ["value"] = "${ACCOUNT}", ["format"] = "digits" })
            .Hangup("bye")
            .Then("start", "next", "account")
            .Then("account", "next", "readBack")
            .Then("readBack", "next", "bye");
        var ivr = await pbx.PublishIvrAsync("Account " + pbx.NextNumber(), flow);
        var did = await pbx.RouteDidAsync(new { type = "ivr", target = ivr.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await pbx.Api.ApplyAsync();
        await using var caller = await pbx.DidCallerAsync();

        var typed = TimeSpan.FromSeconds(5);
        await caller.CallAsync(pbx.DidUri(did));
        await Task.Delay(typed);
        await caller.PressAsync("4711#");
        await caller.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(30));

        var trace = await pbx.LastTraceAsync(ivr);
        Assert.Equal("4711", trace["variables"]?["ACCOUNT"]?.GetValue<string>());
        var heard = await caller.HeardAsync();
        Assert.Equal(Speech.Normalise(AskAccount), await Speech.RecogniseAsync(pbx, heard, [AskAccount], to: typed));
        string[] digits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
        Assert.Equal(["four", "seven", "one", "one"], await Speech.WordsAsync(pbx, heard, digits, from: typed));
    }

    [CallFact]
    public async Task Go_to_ivr_continues_the_call_in_the_other_ivrs_published_flow()
    {
        const string Second = "You have reached the second menu. Goodbye.";
        var second = await pbx.PublishIvrAsync("Second " + pbx.NextNumber(),
            new IvrFlow().Play("hello", Second).Hangup("bye").Then("start", "next", "hello").Then("hello", "next", "bye"));
        var first = await pbx.PublishIvrAsync("First " + pbx.NextNumber(), new IvrFlow()
            .Play("hello", Welcome)
            .Node("jump", "goToIvr", new JsonObject { ["ivrId"] = second.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Then("start", "next", "hello").Then("hello", "next", "jump"));
        var did = await pbx.RouteDidAsync(new { type = "ivr", target = first.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await pbx.Api.ApplyAsync();
        await using var caller = await pbx.DidCallerAsync();

        await caller.CallAsync(pbx.DidUri(did));
        await caller.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(30));

        var heard = await caller.HeardAsync();
        Assert.Equal(Speech.Normalise(Welcome) + " " + Speech.Normalise(Second), await Speech.RecogniseAsync(pbx, heard, [Welcome, Second]));
    }

    /// <summary>
    /// start → menu (Welcome; 1 → "sales", whatever <paramref name="sales"/> adds; a 3 s timeout and a wrong key each
    /// play their message and hang up), published and reached from a new DID.
    /// </summary>
    private async Task<(long Ivr, string Did)> MenuIvrAsync(Action<IvrFlow> sales)
    {
        var flow = new IvrFlow()
            .Node("menu", "menu", new JsonObject
            {
                ["prompt"] = IvrFlow.Tts(Welcome),
                ["options"] = new JsonArray(new JsonObject { ["digit"] = "1", ["label"] = "Sales" }),
                ["timeoutSeconds"] = 3,
                ["retries"] = 0,
            })
            .Play("noChoice", NoChoice).Play("wrongKey", WrongKey).Hangup("bye")
            .Then("start", "next", "menu")
            .Then("menu", "digit-1", "sales")
            .Then("menu", "timeout", "noChoice")
            .Then("menu", "invalid", "wrongKey")
            .Then("noChoice", "next", "bye")
            .Then("wrongKey", "next", "bye");
        sales(flow);
        var ivr = await pbx.PublishIvrAsync("Menu " + pbx.NextNumber(), flow);
        var did = await pbx.RouteDidAsync(new { type = "ivr", target = ivr.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await pbx.Api.ApplyAsync();
        return (ivr, did);
    }

    private static async Task<string> WaitForFileAsync(string directory, string name, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var path = Path.Combine(directory, name);
        while (!File.Exists(path))
        {
            if (DateTime.UtcNow > deadline)
            {
                var present = Directory.Exists(directory) ? string.Join(", ", Directory.GetFiles(directory).Select(Path.GetFileName)) : "no folder";
                throw new TimeoutException($"{path} did not appear within {limit} ({present})");
            }
            await Task.Delay(250);
        }
        return path;
    }
}
