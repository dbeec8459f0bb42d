using BotPbx.Ivr.Flow;
using BotPbx.Ivr.Tests.Support;
using BotPbx.Ivr.Tracing;
using static BotPbx.Ivr.Tests.Support.Flows;

namespace BotPbx.Ivr.Tests.Agi;

/// <summary>Every node type run by the real FastAGI server against a scripted Asterisk peer over a loopback socket.</summary>
public sealed class AgiNodeTests : IAsyncLifetime
{
    private readonly IvrHarness _ivr = new(http: LoopbackAllowed());
    private AgiIvrServer _server = null!;

    public async Task InitializeAsync()
    {
        // The scripted Asterisk sends HANGUP 40 ms after a -1 reply, as the fixture shows; on a loaded test machine that
        // can take far longer, so the grace is generous here (it only delays the missing-file test).
        _ivr.Options.HangupGrace = TimeSpan.FromSeconds(3);
        _server = await AgiIvrServer.StartAsync(_ivr);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _ivr.Dispose();
    }

    private async Task<IReadOnlyList<string>> Call(IvrFlow flow, AgiPhone phone, string callerId = "5551234")
    {
        _ivr.Store.Publish("main", flow);
        return await _server.CallAsync("main", phone, callerId);
    }

    private static object Say(string id, string text) => Node(id, "playMessage", new { prompt = Tts(text) });

    private static BotPbx.Ivr.Http.IvrHttpOptions LoopbackAllowed()
    {
        var options = new BotPbx.Ivr.Http.IvrHttpOptions();
        options.AllowedNetworks.Add("127.0.0.1/32");
        return options;
    }

    [Fact]
    public async Task An_http_request_feeds_the_next_prompt_during_a_real_agi_session()
    {
        await using var crm = new LoopbackHttpServer(r => new CannedResponse(200, $$"""{"name":"Ada","caller":"{{r.Target}}"}"""));
        var flow = WithEdges([Node("start", "start"),
            Node("crm", "httpRequest", new { method = "GET", url = crm.BaseUrl + "/c/${CALLERID}", mappings = new[] { new { variable = "NAME", path = "name" } } }),
            Say("hi", "Hello ${NAME}"), Say("sorry", "Sorry")],
            Edge("start", "next", "crm"), Edge("crm", "success", "hi"), Edge("crm", "error", "sorry"));
        var commands = await Call(flow, new AgiPhone(), "5550123");
        Assert.Equal(["ANSWER", "STREAM FILE \"prompt:Hello Ada\" \"\"", "HANGUP"], commands);
        Assert.Equal("/c/5550123", Assert.Single(crm.Requests).Target);
    }

    [Fact]
    public async Task Start_and_play_message_answer_and_stream_the_prompt_then_hang_up()
    {
        var commands = await Call(StartThen(Say("hello", "Welcome to ACME")), new AgiPhone());
        Assert.Equal(["ANSWER", "STREAM FILE \"prompt:Welcome to ACME\" \"\"", "HANGUP"], commands);
        Assert.Equal(IvrRunOutcome.Completed, _ivr.Traces.Saved[^1].Outcome);
    }

    [Fact]
    public async Task A_menu_streams_with_escape_digits_waits_and_follows_the_pressed_digit()
    {
        var flow = WithEdges([Node("start", "start"),
            Node("menu", "menu", new { prompt = Tts("Press 1 or 2"), options = new[] { new { digit = "1" }, new { digit = "2" } }, timeoutSeconds = 4 }),
            Say("one", "Sales"), Say("two", "Support")],
            Edge("start", "next", "menu"), Edge("menu", "digit-1", "one"), Edge("menu", "digit-2", "two"));
        var commands = await Call(flow, new AgiPhone().Press("2"));
        Assert.Equal(["ANSWER", "STREAM FILE \"prompt:Press 1 or 2\" \"0123456789*#\"", "WAIT FOR DIGIT 4000",
            "STREAM FILE \"prompt:Support\" \"\"", "HANGUP"], commands);
    }

    [Fact]
    public async Task A_menu_that_times_out_and_gets_an_invalid_digit_ends_on_max_retries()
    {
        var flow = WithEdges([Node("start", "start"),
            Node("menu", "menu", new { prompt = Tts("Menu"), options = new[] { new { digit = "1" } }, timeoutSeconds = 2, retries = 1 }),
            Say("bye", "Goodbye")],
            Edge("start", "next", "menu"), Edge("menu", "maxRetries", "bye"));
        var commands = await Call(flow, new AgiPhone().Silence().Press("9"));
        Assert.Equal(["ANSWER", "STREAM FILE \"prompt:Menu\" \"0123456789*#\"", "WAIT FOR DIGIT 2000",
            "STREAM FILE \"prompt:Menu\" \"0123456789*#\"", "WAIT FOR DIGIT 2000", "STREAM FILE \"prompt:Goodbye\" \"\"", "HANGUP"], commands);
    }

    [Fact]
    public async Task Dtmf_input_with_the_hash_terminator_uses_get_data_and_stores_the_digits()
    {
        var flow = WithEdges([Node("start", "start"),
            Node("ask", "dtmfInput", new { prompt = Tts("Account number"), variable = "ACCOUNT", maxDigits = 6, timeoutSeconds = 5, terminator = "#" }),
            Node("read", "playDigits", new { value = "${ACCOUNT}", format = "digits" })],
            Edge("start", "next", "ask"), Edge("ask", "next", "read"));
        var commands = await Call(flow, new AgiPhone().Press("4711#"));
        Assert.Equal(["ANSWER", "GET DATA \"prompt:Account number\" 5000 6", "SAY DIGITS \"4711\" \"\"", "HANGUP"], commands);
    }

    [Fact]
    public async Task Dtmf_input_with_a_star_terminator_collects_digit_by_digit()
    {
        var flow = WithEdges([Node("start", "start"),
            Node("ask", "dtmfInput", new { variable = "PIN", maxDigits = 6, timeoutSeconds = 3, terminator = "*" }),
            Node("read", "playDigits", new { value = "${PIN}", format = "number" })],
            Edge("start", "next", "ask"), Edge("ask", "next", "read"));
        var commands = await Call(flow, new AgiPhone().Press("42*"));
        Assert.Equal(["ANSWER", "WAIT FOR DIGIT 3000", "WAIT FOR DIGIT 3000", "WAIT FOR DIGIT 3000", "SAY NUMBER 42 \"\"", "HANGUP"], commands);
    }

    [Fact]
    public async Task Dtmf_input_that_times_out_without_digits_follows_timeout()
    {
        var flow = WithEdges([Node("start", "start"),
            Node("ask", "dtmfInput", new { prompt = Tts("Code"), variable = "CODE", maxDigits = 4, timeoutSeconds = 5, terminator = "#" }),
            Say("slow", "Too slow")], Edge("start", "next", "ask"), Edge("ask", "timeout", "slow"));
        var commands = await Call(flow, new AgiPhone().Silence());
        Assert.Equal("STREAM FILE \"prompt:Too slow\" \"\"", commands[^2]);
    }

    [Fact]
    public async Task Transfer_ai_agent_and_voicemail_hand_the_call_to_the_dialplan()
    {
        var transfer = await Call(StartThen(Node("t", "transfer", new { destination = new { kind = "queue", target = "605" } })), new AgiPhone());
        Assert.Equal(["ANSWER", "EXEC Goto \"botpbx-queues,605,1\""], transfer);

        var agent = await Call(StartThen(Node("a", "aiAgent", new { agentId = "9", context = "caller ${CALLERID}" })), new AgiPhone(), "5550100");
        Assert.Equal(["ANSWER", "SET VARIABLE BOTPBX_AI_AGENT \"9\"", "SET VARIABLE BOTPBX_AI_CONTEXT \"caller 5550100\"",
            "EXEC Goto \"botpbx-ai-agent,9,1\""], agent);

        var voicemail = await Call(StartThen(Node("v", "voicemail", new { mailbox = "1001" })), new AgiPhone());
        Assert.Equal(["ANSWER", "EXEC VoiceMail \"1001@botpbx,u\"", "HANGUP"], voicemail);
    }

    [Fact]
    public async Task Set_variable_branch_and_time_condition_run_without_talking_to_asterisk_except_channel_variables()
    {
        var flow = WithEdges([Node("start", "start"),
            Node("set", "setVariable", new { assignments = new[] { new { variable = "VIP", value = "yes", channel = true } } }),
            Node("b", "branch", new { rules = new[] { new { id = "vip", variable = "VIP", @operator = "equals", value = "yes" } } }),
            Node("open", "timeCondition", new { timeZone = "UTC", ranges = new[] { new { days = new[] { "mon" }, start = "09:00", end = "17:00" } } }),
            Say("yes", "Open"), Say("no", "Closed")],
            Edge("start", "next", "set"), Edge("set", "next", "b"), Edge("b", "rule-vip", "open"), Edge("open", "true", "yes"), Edge("open", "false", "no"));
        var commands = await Call(flow, new AgiPhone());
        Assert.Equal(["ANSWER", "SET VARIABLE VIP \"yes\"", "STREAM FILE \"prompt:Open\" \"\"", "HANGUP"], commands);
    }

    [Fact]
    public async Task Record_message_records_a_wav_with_a_beep_until_hash()
    {
        var commands = await Call(StartThen(Node("rec", "recordMessage", new { maxSeconds = 30, silenceSeconds = 3, variable = "MSG" })), new AgiPhone());
        Assert.Matches("^RECORD FILE \"/var/spool/asterisk/botpbx/ivr/[0-9.]+-rec-[0-9]+\" wav \"#\" 30000 BEEP s=3$", commands[1]);
    }

    [Fact]
    public async Task Go_to_ivr_and_hangup_over_agi()
    {
        _ivr.Store.Publish("other", StartThen(Node("bye", "hangup")));
        var commands = await Call(StartThen(Node("jump", "goToIvr", new { ivrId = "other" })), new AgiPhone());
        Assert.Equal(["ANSWER", "ANSWER", "HANGUP"], commands);
        // Asterisk answers our HANGUP with its own HANGUP line; the run still ended cleanly, not by the caller.
        Assert.Equal(IvrRunOutcome.Completed, _ivr.Traces.Saved[^1].Outcome);
    }

    [Fact]
    public async Task An_unknown_ivr_path_gets_the_fallback_prompt_and_a_hang_up()
    {
        var commands = await _server.CallAsync("does-not-exist", new AgiPhone());
        Assert.Equal(["STREAM FILE \"botpbx/system/error\" \"\"", "HANGUP"], commands);
    }

    public static TheoryData<string, string> HangUpPoints => new()
    {
        { "start", "ANSWER" },
        { "playMessage", "STREAM FILE" },
        { "menu", "WAIT FOR DIGIT" },
        { "dtmfInput", "GET DATA" },
        { "playDigits", "SAY DIGITS" },
        { "recordMessage", "RECORD FILE" },
    };

    [Theory]
    [MemberData(nameof(HangUpPoints))]
    public async Task A_caller_hanging_up_during_a_node_ends_the_session_with_no_further_commands(string type, string command)
    {
        object node = type switch
        {
            "playMessage" => Say("n", "Long announcement"),
            "menu" => Node("n", "menu", new { prompt = Tts("Menu"), options = new[] { new { digit = "1" } } }),
            "dtmfInput" => Node("n", "dtmfInput", new { prompt = Tts("PIN"), variable = "PIN", maxDigits = 4, timeoutSeconds = 5, terminator = "#" }),
            "playDigits" => Node("n", "playDigits", new { value = "123", format = "digits" }),
            "recordMessage" => Node("n", "recordMessage", new { maxSeconds = 30, variable = "MSG" }),
            _ => Say("n", "after start"),
        };
        var commands = await Call(StartThen(node, Say("after", "never")), new AgiPhone { HangUpOn = command });
        Assert.StartsWith(command, commands[^1], StringComparison.Ordinal);
        var trace = _ivr.Traces.Saved[^1];
        Assert.Equal(IvrRunOutcome.CallerHungUp, trace.Outcome);
        Assert.Equal(type, trace.Steps[^1].Type);
    }

    [Fact]
    public async Task A_missing_sound_file_is_a_failure_that_gets_the_fallback_not_a_hang_up()
    {
        var commands = await Call(StartThen(Say("hello", "Missing prompt")), new AgiPhone { MissingFile = "Missing prompt" });
        Assert.Equal(["ANSWER", "STREAM FILE \"prompt:Missing prompt\" \"\"", "STREAM FILE \"botpbx/system/error\" \"\"", "HANGUP"], commands);
        var trace = _ivr.Traces.Saved[^1];
        Assert.Equal(IvrRunOutcome.Failed, trace.Outcome);
        Assert.Equal("STREAM FILE prompt:Missing prompt (missing or unreadable sound file?) failed (result -1).", trace.Error);
    }

    [Fact]
    public async Task The_call_variables_come_from_the_agi_environment()
    {
        await Call(StartThen(Node("bye", "hangup")), new AgiPhone(), "5557777");
        var trace = _ivr.Traces.Saved[^1];
        Assert.Equal("5557777", trace.Variables["CALLERID"]);
        Assert.Equal("601", trace.Variables["DNID"]);
        Assert.Equal("1795239885.40", trace.CallId);
    }
}
