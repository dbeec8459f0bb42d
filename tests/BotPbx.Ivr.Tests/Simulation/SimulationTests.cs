using BotPbx.Ivr.Flow;
using BotPbx.Ivr.Prompts;
using BotPbx.Ivr.Runtime;
using BotPbx.Ivr.Simulation;
using BotPbx.Ivr.Tests.Support;
using BotPbx.Ivr.Versions;
using Microsoft.Extensions.Logging.Abstractions;
using static BotPbx.Ivr.Tests.Support.Flows;

namespace BotPbx.Ivr.Tests.Simulation;

public sealed class SimulationTests : IAsyncLifetime
{
    private readonly IvrHarness _ivr = new();
    private readonly SimulationOptions _options = new() { MaxSessions = 3 };
    private SimulationSessions _sessions = null!;

    public Task InitializeAsync()
    {
        _sessions = new SimulationSessions(_ivr.Store, _ivr.Runtime, _options, new PromptCacheOptions { Directory = "/nonexistent" },
            NullLogger<IvrInterpreter>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _sessions.DisposeAsync();
        _ivr.Dispose();
    }

    private static IvrFlowSnapshot Draft(IvrFlow flow) => new("main", 0, flow);

    private static IvrFlow MenuFlow() => WithEdges([Node("start", "start"),
        Node("menu", "menu", new { prompt = Tts("Press 1 or 2"), options = new[] { new { digit = "1" }, new { digit = "2" } }, timeoutSeconds = 4 }),
        Node("one", "playMessage", new { prompt = Tts("Sales") }),
        Node("two", "transfer", new { destination = new { kind = "queue", target = "605" } })],
        Edge("start", "next", "menu"), Edge("menu", "digit-1", "one"), Edge("menu", "digit-2", "two"));

    [Fact]
    public async Task A_simulated_call_pauses_where_a_real_call_waits_and_continues_with_the_digit_sent()
    {
        var first = await _sessions.StartAsync(Draft(MenuFlow()), "5551234", "4000", CancellationToken.None);
        Assert.Equal((SimulationState.Waiting, 4.0), (first.Status, first.WaitSeconds));
        Assert.Equal(["answer", "play"], first.Events.Select(e => e.Kind));
        Assert.Equal("prompt:Press 1 or 2", first.Events[1].File);
        Assert.Equal("5551234", first.Variables["CALLERID"]);

        var second = await _sessions.SendAsync(first.SessionId, "main", new SimulationInput(Digits: "2"), CancellationToken.None);
        Assert.Equal((SimulationState.Ended, "handedOff"), (second!.Status, second.Outcome));
        Assert.Equal(["start:next", "menu:digit-2", "two:"], second.Path.Select(s => $"{s.NodeId}:{s.Handle}"));
        Assert.Equal(("transfer", "botpbx-queues,605,1"), (second.Events[^1].Kind, second.Events[^1].Detail));
    }

    [Fact]
    public async Task Digits_typed_ahead_answer_a_whole_input_and_the_variables_are_shown()
    {
        var flow = WithEdges([Node("start", "start"),
            Node("ask", "dtmfInput", new { prompt = Tts("Account?"), variable = "ACCOUNT", maxDigits = 8, timeoutSeconds = 5, terminator = "#" }),
            Node("say", "playDigits", new { value = "${ACCOUNT}", format = "digits" })],
            Edge("start", "next", "ask"), Edge("ask", "next", "say"));
        var first = await _sessions.StartAsync(Draft(flow), "1001", "4000", CancellationToken.None);
        var done = await _sessions.SendAsync(first.SessionId, "main", new SimulationInput(Digits: "4711#"), CancellationToken.None);
        Assert.Equal("4711", done!.Variables["ACCOUNT"]);
        Assert.Contains(done.Events, e => e.Kind == "sayDigits" && e.Detail == "4711");
        Assert.Equal("completed", done.Outcome);
    }

    [Fact]
    public async Task A_timeout_from_the_browser_is_a_timeout_for_the_node()
    {
        var flow = WithEdges([Node("start", "start"),
            Node("ask", "dtmfInput", new { variable = "X", maxDigits = 2, timeoutSeconds = 3 }),
            Node("slow", "playMessage", new { prompt = Tts("Too slow") })],
            Edge("start", "next", "ask"), Edge("ask", "timeout", "slow"));
        var first = await _sessions.StartAsync(Draft(flow), "1001", "4000", CancellationToken.None);
        var done = await _sessions.SendAsync(first.SessionId, "main", new SimulationInput(Timeout: true), CancellationToken.None);
        Assert.Equal("ask:timeout", $"{done!.Path[1].NodeId}:{done.Path[1].Handle}");
        Assert.Contains(done.Events, e => e.File == "prompt:Too slow");
    }

    [Fact]
    public async Task Hanging_up_in_the_browser_ends_the_run_as_a_caller_hang_up()
    {
        var first = await _sessions.StartAsync(Draft(MenuFlow()), "1001", "4000", CancellationToken.None);
        var done = await _sessions.SendAsync(first.SessionId, "main", new SimulationInput(Hangup: true), CancellationToken.None);
        Assert.Equal((SimulationState.Ended, "callerHungUp"), (done!.Status, done.Outcome));
    }

    [Fact]
    public async Task A_draft_with_a_broken_node_ends_with_the_fallback_and_the_error()
    {
        var flow = StartThen(Node("go", "goToIvr", new { ivrId = "not-published" }));
        var state = await _sessions.StartAsync(Draft(flow), "1001", "4000", CancellationToken.None);
        Assert.Equal(("failed", "IVR not-published (goToIvr) is not published."), (state.Outcome, state.Error));
        Assert.Equal("botpbx/system/error", state.Events.Single(e => e.Kind == "play").File);
        Assert.Empty(_ivr.Traces.Saved);
    }

    [Fact]
    public async Task Unknown_sessions_are_null_and_the_oldest_session_makes_room_for_a_new_one()
    {
        Assert.Null(await _sessions.SendAsync(Guid.NewGuid(), "main", new SimulationInput(Digits: "1"), CancellationToken.None));
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++) ids.Add((await _sessions.StartAsync(Draft(MenuFlow()), "1001", "4000", CancellationToken.None)).SessionId);
        Assert.Equal(3, _sessions.Count);
        Assert.Null(_sessions.Get(ids[0], "main"));
        Assert.NotNull(_sessions.Get(ids[3], "main"));
    }

    [Fact]
    public async Task A_slow_node_reports_running_and_the_browser_asks_again_until_the_flow_pauses()
    {
        await using var slow = new LoopbackHttpServer(_ => new CannedResponse(200, """{"name":"Ada"}""", Delay: TimeSpan.FromSeconds(5)));
        var http = new BotPbx.Ivr.Http.IvrHttpOptions();
        http.AllowedNetworks.Add("127.0.0.1/32");
        using var ivr = new IvrHarness(http: http);
        await using var sessions = new SimulationSessions(ivr.Store, ivr.Runtime, new SimulationOptions { StepTimeout = TimeSpan.FromMilliseconds(200) },
            new PromptCacheOptions { Directory = "/nonexistent" }, NullLogger<IvrInterpreter>.Instance);
        var flow = WithEdges([Node("start", "start"),
            Node("crm", "httpRequest", new { method = "GET", url = slow.BaseUrl + "/", timeoutSeconds = 20, mappings = new[] { new { variable = "NAME", path = "name" } } }),
            Node("ask", "dtmfInput", new { prompt = Tts("Hello ${NAME}"), variable = "X", maxDigits = 1, timeoutSeconds = 3 })],
            Edge("start", "next", "crm"), Edge("crm", "success", "ask"));

        var first = await sessions.StartAsync(Draft(flow), "1001", "4000", CancellationToken.None);
        Assert.Equal(SimulationState.Running, first.Status);
        Assert.Empty(first.Path);

        var state = first;
        for (var i = 0; i < 300 && state.Status == SimulationState.Running; i++)
        {
            state = (await sessions.SendAsync(first.SessionId, "main", new SimulationInput(), CancellationToken.None))!;
        }
        Assert.Equal(SimulationState.Waiting, state.Status);
        Assert.Equal("Ada", state.Variables["NAME"]);
        Assert.Contains(state.Events, e => e.File == "prompt:Hello Ada");
    }

    [Fact]
    public async Task Synthesized_prompts_get_the_url_of_the_prompt_cache()
    {
        var directory = Path.Combine(Path.GetTempPath(), "botpbx-sim-" + Guid.NewGuid().ToString("N"));
        try
        {
            var promptOptions = new PromptCacheOptions { Directory = directory };
            using var cache = new PromptCache([new FliteTextToSpeech()], promptOptions, NullLogger<PromptCache>.Instance);
            var runtime = new IvrRuntime(new PromptLibrary(cache, new NoRecordings()), _ivr.Http, new IvrOptions(), TimeProvider.System);
            await using var sessions = new SimulationSessions(_ivr.Store, runtime, new SimulationOptions(), promptOptions, NullLogger<IvrInterpreter>.Instance);
            var state = await sessions.StartAsync(Draft(MenuFlow()), "1001", "4000", CancellationToken.None);
            var hash = PromptCache.HashOf("flite", "kal", "Press 1 or 2");
            Assert.Equal($"/api/ivr-prompts/{hash}.wav", state.Events.Single(e => e.Kind == "play").PromptUrl);
            Assert.NotNull(cache.TryGetWav(hash));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class NoRecordings : IIvrRecordings
    {
        public Task<string?> GetPlaybackFileAsync(string recordingId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }
}
