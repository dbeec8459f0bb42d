using BotPbx.Ivr.Tests.Support;
using BotPbx.Ivr.Tracing;
using static BotPbx.Ivr.Tests.Support.Flows;

namespace BotPbx.Ivr.Tests.Runtime;

public class InterpreterTests : IDisposable
{
    private readonly IvrHarness _ivr = new();

    public void Dispose() => _ivr.Dispose();

    public static TheoryData<string, string> NodesAndTheirFirstOperation => new()
    {
        { "start", "answer" },
        { "playMessage", "play" },
        { "dtmfInput", "wait" },
        { "menu", "wait" },
        { "transfer", "exec" },
        { "voicemail", "exec" },
        { "setVariable", "set" },
        { "playDigits", "say" },
        { "aiAgent", "set" },
        { "recordMessage", "record" },
        { "hangup", "hangup" },
    };

    private static object NodeOfType(string type) => type switch
    {
        "playMessage" => Node("n", type, new { prompt = Tts("Welcome") }),
        "dtmfInput" => Node("n", type, new { variable = "X", maxDigits = 2, timeoutSeconds = 3 }),
        "menu" => Node("n", type, new { prompt = Tts("Menu"), options = new[] { new { digit = "1" } } }),
        "transfer" => Node("n", type, new { destination = new { kind = "extension", target = "1001" } }),
        "voicemail" => Node("n", type, new { mailbox = "1001" }),
        "setVariable" => Node("n", type, new { assignments = new[] { new { variable = "A", value = "1", channel = true } } }),
        "playDigits" => Node("n", type, new { value = "42", format = "digits" }),
        "aiAgent" => Node("n", type, new { agentId = "3" }),
        "recordMessage" => Node("n", type, new { maxSeconds = 30, variable = "REC" }),
        _ => Node("n", type),
    };

    [Theory]
    [MemberData(nameof(NodesAndTheirFirstOperation))]
    public async Task A_caller_hanging_up_at_any_node_ends_the_run_cleanly(string type, string operation)
    {
        var flow = type == "start"
            ? WithEdges([Node("start", "start"), Node("bye", "hangup")], Edge("start", "next", "bye"))
            : StartThen(NodeOfType(type), Node("after", "playMessage", new { prompt = Tts("never heard") }));
        var channel = new FakeChannel { HangUpOn = operation };
        var trace = await _ivr.RunAsync(flow, channel);

        Assert.Equal(IvrRunOutcome.CallerHungUp, trace.Outcome);
        Assert.StartsWith("caller hangs up during " + operation, channel.Log[^1], StringComparison.Ordinal);
        Assert.Equal("caller hung up", trace.Steps[^1].Error);
        Assert.Equal(type, trace.Steps[^1].Type);
        Assert.Same(trace, Assert.Single(_ivr.Traces.Saved));
    }

    [Fact]
    public async Task A_loop_without_waiting_is_stopped_by_the_loop_guard_and_the_caller_hears_the_fallback()
    {
        _ivr.Options.MaxStepsPerCall = 50;
        var flow = WithEdges([Node("start", "start"),
            Node("a", "setVariable", new { assignments = new[] { new { variable = "X", value = "1" } } }),
            Node("b", "setVariable", new { assignments = new[] { new { variable = "Y", value = "2" } } })],
            Edge("start", "next", "a"), Edge("a", "next", "b"), Edge("b", "next", "a"));
        var channel = new FakeChannel();
        var trace = await _ivr.RunAsync(flow, channel);
        Assert.Equal(IvrRunOutcome.LoopGuard, trace.Outcome);
        Assert.Equal(50, trace.Steps.Count);
        Assert.Equal(["answer", "play botpbx/system/error", "hangup"], channel.Log);
    }

    [Fact]
    public async Task A_failing_node_plays_the_fallback_and_can_send_the_caller_to_an_operator()
    {
        _ivr.Options.FallbackExtension = "1000";
        var flow = StartThen(Node("say", "playMessage", new { prompt = Tts("Hello") }));
        var channel = new FakeChannel { OnOperation = line => { if (line.StartsWith("play prompt", StringComparison.Ordinal)) throw new IOException("disk gone"); } };
        var trace = await _ivr.RunAsync(flow, channel);
        Assert.Equal(IvrRunOutcome.Failed, trace.Outcome);
        Assert.Equal("disk gone", trace.Error);
        Assert.Equal("disk gone", trace.Steps[^1].Error);
        Assert.Equal(["answer", "play botpbx/system/error", "exec Goto botpbx-internal,1000,1"], channel.Log);
    }

    [Fact]
    public async Task A_cancellation_that_is_neither_a_hang_up_nor_a_shutdown_is_a_failure_with_the_fallback()
    {
        var channel = new FakeChannel { OnOperation = line => { if (line.StartsWith("play prompt", StringComparison.Ordinal)) throw new TaskCanceledException("inner timeout"); } };
        var trace = await _ivr.RunAsync(StartThen(Node("say", "playMessage", new { prompt = Tts("Hi") })), channel);
        Assert.Equal(IvrRunOutcome.Failed, trace.Outcome);
        Assert.Equal(["answer", "play botpbx/system/error", "hangup"], channel.Log);
    }

    [Fact]
    public async Task An_ivr_that_was_never_published_plays_the_fallback()
    {
        var channel = new FakeChannel();
        var trace = await _ivr.Interpreter.RunPublishedAsync(channel, "nothing-here", CancellationToken.None);
        Assert.Equal(IvrRunOutcome.NotPublished, trace.Outcome);
        Assert.Equal(["play botpbx/system/error", "hangup"], channel.Log);
    }

    [Fact]
    public async Task A_call_started_on_version_1_finishes_on_version_1_after_version_2_is_published()
    {
        BotPbx.Ivr.Flow.IvrFlow Version(string text) => WithEdges(
            [Node("start", "start"), Node("menu", "menu", new { prompt = Tts("Menu"), options = new[] { new { digit = "1" } } }),
             Node("sales", "playMessage", new { prompt = Tts(text) })],
            Edge("start", "next", "menu"), Edge("menu", "digit-1", "sales"));
        _ivr.Store.Publish("main", Version("Sales version one"));

        var first = new FakeChannel().Press("1");
        first.OnOperation = line => { if (line.StartsWith("wait", StringComparison.Ordinal)) _ivr.Store.Publish("main", Version("Sales version two")); };
        var firstTrace = await _ivr.Interpreter.RunPublishedAsync(first, "main", CancellationToken.None);

        var second = new FakeChannel().Press("1");
        var secondTrace = await _ivr.Interpreter.RunPublishedAsync(second, "main", CancellationToken.None);

        Assert.Contains("play prompt:Sales version one", first.Log);
        Assert.Equal((1, 1), (firstTrace.Version, firstTrace.Steps[^1].Version));
        Assert.Contains("play prompt:Sales version two", second.Log);
        Assert.Equal(2, secondTrace.Version);
    }

    [Fact]
    public async Task The_trace_records_every_node_with_handles_digits_and_the_final_variables()
    {
        var flow = WithEdges([Node("start", "start"),
            Node("menu", "menu", new { prompt = Tts("Menu"), options = new[] { new { digit = "3" } } }),
            Node("bye", "hangup")],
            Edge("start", "next", "menu"), Edge("menu", "digit-3", "bye"));
        var trace = await _ivr.RunAsync(flow, new FakeChannel("5559876", dnid: "4000").Press("3"));
        Assert.Equal(["start:next", "menu:digit-3", "bye:"], trace.Steps.Select(s => $"{s.NodeId}:{s.Handle}"));
        Assert.Equal([1, 2, 3], trace.Steps.Select(s => s.Index));
        Assert.Equal("3", trace.Steps[1].Digits);
        Assert.Equal("5559876", trace.Variables["CALLERID"]);
        Assert.Equal("4000", trace.Variables["DID"]);
        Assert.NotNull(trace.EndedAt);
    }

    [Fact]
    public async Task Shutting_down_aborts_the_run_without_playing_anything_more()
    {
        using var shutdown = new CancellationTokenSource();
        var channel = new FakeChannel { OnOperation = line => { if (line.StartsWith("wait", StringComparison.Ordinal)) shutdown.Cancel(); } };
        channel.Press("1");
        _ivr.Store.Publish("main", StartThen(Node("ask", "dtmfInput", new { variable = "X", maxDigits = 2, timeoutSeconds = 3 }),
            Node("more", "playMessage", new { prompt = Tts("more") })));
        var trace = await _ivr.Interpreter.RunPublishedAsync(channel, "main", shutdown.Token);
        Assert.Equal(IvrRunOutcome.Aborted, trace.Outcome);
    }
}
