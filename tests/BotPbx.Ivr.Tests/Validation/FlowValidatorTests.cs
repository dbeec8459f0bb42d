using System.Text.Json;
using BotPbx.Ivr.Nodes;
using BotPbx.Ivr.Tests.Support;
using BotPbx.Ivr.Validation;
using static BotPbx.Ivr.Tests.Support.Flows;

namespace BotPbx.Ivr.Tests.Validation;

public class FlowValidatorTests
{
    private readonly FakeReferences _references = new FakeReferences()
        .With(IvrReferenceKind.Extension, "1001")
        .With(IvrReferenceKind.Queue, "605")
        .With(IvrReferenceKind.Ivr, "7");

    private Task<FlowValidationResult> Validate(JsonElement document) => new FlowValidator(_references).ValidateAsync(document, CancellationToken.None);

    private static object Menu(string id = "menu") => Node(id, "menu", new { prompt = Tts("Press 1 for sales"), options = new[] { new { digit = "1" } } });

    [Fact]
    public async Task A_complete_flow_is_valid_without_warnings()
    {
        var result = await Validate(Document(
            [Node("start", "start"), Menu(), Node("sales", "transfer", new { destination = new { kind = "queue", target = "605" } })],
            [Edge("start", "next", "menu"), Edge("menu", "digit-1", "sales")]));
        Assert.Empty(result.Issues);
        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task A_flow_without_a_start_node_is_an_error_on_the_flow()
    {
        var result = await Validate(Document([Node("bye", "hangup")], []));
        var issue = Assert.Single(result.Errors);
        Assert.Equal(("no_start", "flow"), (issue.Code, issue.Key));
    }

    [Fact]
    public async Task A_second_start_node_is_an_error_on_that_node()
    {
        var result = await Validate(Document([Node("start", "start"), Node("start2", "start"), Node("bye", "hangup")],
            [Edge("start", "next", "bye"), Edge("start2", "next", "bye")]));
        Assert.Contains(result.Errors, i => i.Code == "multiple_starts" && i.NodeId == "start2");
    }

    [Fact]
    public async Task Edges_must_join_existing_nodes_through_existing_handles()
    {
        var result = await Validate(Document([Node("start", "start"), Node("bye", "hangup")],
            [Edge("start", "next", "bye"), Edge("ghost", "next", "bye"), Edge("start", "digit-1", "bye"), Edge("bye", "next", "nowhere")]));
        Assert.Contains(result.Errors, i => i.Code == "unknown_source" && i.Key == "edges.ghost-next-bye.source");
        Assert.Contains(result.Errors, i => i.Code == "unknown_handle" && i.Key == "edges.start-digit-1-bye.sourceHandle");
        Assert.Contains(result.Errors, i => i.Code == "unknown_target" && i.Key == "edges.bye-next-nowhere.target");
    }

    [Fact]
    public async Task A_missing_required_setting_is_reported_on_the_node_and_field()
    {
        var result = await Validate(Document([Node("start", "start"), Node("ask", "dtmfInput", new { maxDigits = 4, timeoutSeconds = 5 })],
            [Edge("start", "next", "ask")]));
        var issue = Assert.Single(result.Errors);
        Assert.Equal("nodes.ask.data.variable", issue.Key);
        Assert.Equal("ask", issue.NodeId);
        Assert.Equal("variable is required", issue.Message);
    }

    [Fact]
    public async Task Unknown_settings_and_wrong_enum_values_are_errors()
    {
        var result = await Validate(Document([Node("start", "start"),
            Node("say", "playDigits", new { value = "123", format = "roman", colour = "red" })], [Edge("start", "next", "say")]));
        Assert.Contains(result.Errors, i => i.Key == "nodes.say.data.format" && i.Message.Contains("must be one of", StringComparison.Ordinal));
        Assert.Contains(result.Errors, i => i.Key == "nodes.say.data.colour" && i.Message.EndsWith("is not a known setting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tts_prompt_needs_its_text_and_a_recording_prompt_its_recording()
    {
        var result = await Validate(Document([Node("start", "start"),
            Node("a", "playMessage", new { prompt = new { kind = "tts" } }),
            Node("b", "playMessage", new { prompt = new { kind = "recording" } })],
            [Edge("start", "next", "a"), Edge("a", "next", "b")]));
        Assert.Contains(result.Errors, i => i.Key == "nodes.a.data.prompt.text");
        Assert.Contains(result.Errors, i => i.Key == "nodes.b.data.prompt.recordingId");
    }

    [Fact]
    public async Task A_dialplan_injection_in_a_transfer_target_is_refused()
    {
        var result = await Validate(Document([Node("start", "start"),
            Node("t", "transfer", new { destination = new { kind = "extension", target = "1001,,)\nSystem(rm" } })], [Edge("start", "next", "t")]));
        Assert.Contains(result.Errors, i => i.Key == "nodes.t.data.destination.target");
    }

    [Fact]
    public async Task References_to_objects_that_do_not_exist_are_errors_on_their_field()
    {
        var result = await Validate(Document([Node("start", "start"), Menu(),
            Node("ext", "transfer", new { destination = new { kind = "extension", target = "1999" } }),
            Node("other", "goToIvr", new { ivrId = "8" }),
            Node("ok", "goToIvr", new { ivrId = "7" })],
            [Edge("start", "next", "menu"), Edge("menu", "digit-1", "ext"), Edge("menu", "timeout", "other"), Edge("menu", "invalid", "ok")]));
        Assert.Equal(["nodes.ext.data.destination.target", "nodes.other.data.ivrId"], result.Errors.Select(i => i.Key).Order(StringComparer.Ordinal));
        Assert.Contains(result.Errors, i => i.Message == "extension 1999 does not exist");
    }

    [Fact]
    public async Task Unreachable_nodes_and_dead_ends_are_warnings_not_errors()
    {
        var result = await Validate(Document([Node("start", "start"), Node("bye", "hangup"),
            Node("lost", "playMessage", new { prompt = Tts("nobody hears this") })], [Edge("start", "next", "bye")]));
        Assert.True(result.IsValid);
        Assert.Contains(result.Warnings, i => i.Code == "unreachable" && i.NodeId == "lost");
        Assert.Contains(result.Warnings, i => i.Code == "dead_end" && i.NodeId == "lost");
    }

    [Fact]
    public async Task A_cycle_that_never_waits_for_the_caller_is_an_error_on_every_node_in_it()
    {
        var result = await Validate(Document([Node("start", "start"),
            Node("a", "setVariable", new { assignments = new[] { new { variable = "X", value = "1" } } }),
            Node("b", "playMessage", new { prompt = Tts("looping") })],
            [Edge("start", "next", "a"), Edge("a", "next", "b"), Edge("b", "next", "a")]));
        Assert.Equal(["a", "b"], result.Errors.Where(i => i.Code == "silent_cycle").Select(i => i.NodeId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_cycle_through_a_menu_is_allowed_because_the_menu_waits_for_the_caller()
    {
        var result = await Validate(Document([Node("start", "start"), Menu(),
            Node("again", "playMessage", new { prompt = Tts("let us try again") })],
            [Edge("start", "next", "menu"), Edge("menu", "digit-1", "again"), Edge("again", "next", "menu")]));
        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task A_node_looping_onto_itself_without_waiting_is_an_error()
    {
        var result = await Validate(Document([Node("start", "start"),
            Node("http", "httpRequest", new { method = "GET", url = "https://crm.example/x" })],
            [Edge("start", "next", "http"), Edge("http", "error", "http")]));
        Assert.Contains(result.Errors, i => i.Code == "silent_cycle" && i.NodeId == "http");
    }

    [Fact]
    public async Task Cross_field_rules_of_node_specs_are_checked()
    {
        var result = await Validate(Document([Node("start", "start"),
            Node("m", "menu", new { prompt = Tts("x"), options = new[] { new { digit = "1" }, new { digit = "1" } } }),
            Node("b", "branch", new { rules = new[] { new { id = "r", variable = "CALLERID", @operator = "regex", value = "([" } } }),
            Node("t", "timeCondition", new { timeZone = "Mars/Olympus", ranges = new[] { new { days = new[] { "mon" }, start = "17:00", end = "09:00" } } })],
            [Edge("start", "next", "m"), Edge("m", "digit-1", "b"), Edge("b", "else", "t")]));
        Assert.Contains(result.Errors, i => i.Key == "nodes.m.data.options[1].digit");
        Assert.Contains(result.Errors, i => i.Key == "nodes.b.data.rules[0].value");
        Assert.Contains(result.Errors, i => i.Key == "nodes.t.data.timeZone");
        Assert.Contains(result.Errors, i => i.Key == "nodes.t.data.ranges[0].end");
    }

    [Fact]
    public async Task Errors_group_into_the_problem_details_dictionary()
    {
        var result = await Validate(Document([Node("bye", "hangup")], []));
        Assert.Equal(new[] { "the flow needs a start node" }, result.ErrorDictionary()["flow"]);
    }

    [Fact]
    public async Task Nothing_may_lead_back_into_the_start_node()
    {
        var result = await Validate(Document([Node("start", "start"), Menu()],
            [Edge("start", "next", "menu"), Edge("menu", "digit-1", "start")]));
        Assert.Equal("edges.menu-digit-1-start.target", Assert.Single(result.Errors, i => i.Code == "into_start").Key);
    }

    [Fact]
    public async Task Duplicate_ids_and_a_handle_connected_twice_are_errors()
    {
        var result = await Validate(Document([Node("start", "start"), Node("bye", "hangup"), Node("bye", "hangup"), Node("bye2", "hangup")],
            [Edge("start", "next", "bye"), Edge("start", "next", "bye2")]));
        Assert.Contains(result.Errors, i => i.Code == "duplicate_id" && i.NodeId == "bye");
        Assert.Contains(result.Errors, i => i.Code == "handle_used_twice");
    }
}
