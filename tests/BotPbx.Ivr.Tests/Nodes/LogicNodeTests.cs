using BotPbx.Ivr.Tests.Support;
using static BotPbx.Ivr.Tests.Support.Flows;

namespace BotPbx.Ivr.Tests.Nodes;

public class LogicNodeTests : IDisposable
{
    private readonly IvrHarness _ivr = new();

    public void Dispose() => _ivr.Dispose();

    private async Task<string> BranchOn(string callerId, string op, string value, bool ignoreCase = false)
    {
        var flow = StartThen(Node("b", "branch", new { rules = new[] { new { id = "hit", variable = "CALLERID", @operator = op, value, ignoreCase } } }));
        var trace = await _ivr.RunAsync(flow, new FakeChannel(callerId));
        return trace.Steps.Single(s => s.NodeId == "b").Handle!;
    }

    [Theory]
    [InlineData("5551234", "equals", "5551234", "rule-hit")]
    [InlineData("5551234", "equals", "5551235", "else")]
    [InlineData("5551234", "notEquals", "1", "rule-hit")]
    [InlineData("5551234", "contains", "512", "rule-hit")]
    [InlineData("5551234", "startsWith", "555", "rule-hit")]
    [InlineData("5551234", "startsWith", "1234", "else")]
    [InlineData("5551234", "regex", "^555[0-9]{4}$", "rule-hit")]
    [InlineData("5551234", "regex", "^1", "else")]
    [InlineData("5551234", "lt", "6000000", "rule-hit")]
    [InlineData("5551234", "lte", "5551234", "rule-hit")]
    [InlineData("5551234", "gt", "5551234", "else")]
    [InlineData("5551234", "gte", "5551234", "rule-hit")]
    [InlineData("anonymous", "gt", "1", "else")]
    [InlineData("", "isEmpty", "", "rule-hit")]
    public async Task A_branch_compares_the_caller_id(string callerId, string op, string value, string expected)
    {
        Assert.Equal(expected, await BranchOn(callerId, op, value));
    }

    [Fact]
    public async Task Comparisons_can_ignore_case()
    {
        Assert.Equal("rule-hit", await BranchOn("VIP-9", "startsWith", "vip", ignoreCase: true));
        Assert.Equal("else", await BranchOn("VIP-9", "startsWith", "vip"));
    }

    [Fact]
    public async Task A_catastrophic_regex_times_out_and_counts_as_no_match()
    {
        var trace = await _ivr.RunAsync(StartThen(Node("b", "branch", new { rules = new[] { new { id = "evil", variable = "CALLERID", @operator = "regex", value = "^(a|aa)+$" } } })),
            new FakeChannel(new string('a', 60) + "!"));
        var step = trace.Steps.Single(s => s.NodeId == "b");
        Assert.Equal("else", step.Handle);
        Assert.Contains("timed out", step.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_matching_rule_wins_and_values_are_templates()
    {
        var flow = WithEdges([Node("start", "start"),
            Node("set", "setVariable", new { assignments = new[] { new { variable = "TIER", value = "gold" }, new { variable = "LIMIT", value = "${TIER}-100" } } }),
            Node("b", "branch", new { rules = new[] {
                new { id = "silver", variable = "TIER", @operator = "equals", value = "silver" },
                new { id = "gold", variable = "LIMIT", @operator = "equals", value = "${TIER}-100" },
                new { id = "any", variable = "TIER", @operator = "contains", value = "o" } } })],
            Edge("start", "next", "set"), Edge("set", "next", "b"));
        var trace = await _ivr.RunAsync(flow, new FakeChannel());
        Assert.Equal("rule-gold", trace.Steps[^1].Handle);
    }

    [Fact]
    public async Task Set_variable_can_also_set_an_asterisk_channel_variable()
    {
        var channel = new FakeChannel("5550001");
        var trace = await _ivr.RunAsync(StartThen(Node("set", "setVariable", new { assignments = new object[] {
            new { variable = "CUSTOMER_ID", value = "${CALLERID(num)}", channel = true },
            new { variable = "PRIORITY", value = "high" } } })), channel);
        Assert.Equal("5550001", trace.Variables["CUSTOMER_ID"]);
        Assert.Equal("high", trace.Variables["PRIORITY"]);
        Assert.Equal(new Dictionary<string, string> { ["CUSTOMER_ID"] = "5550001" }, channel.ChannelVariables);
    }

    [Theory]
    [InlineData("digits", "12#4", "say digits 12#4")]
    [InlineData("digits", "ab-12", "say digits 12")]
    [InlineData("number", "1250", "say number 1250")]
    public async Task Play_digits_reads_a_value_back(string format, string value, string expected)
    {
        var channel = new FakeChannel();
        await _ivr.RunAsync(StartThen(Node("say", "playDigits", new { value, format })), channel);
        Assert.Equal(expected, channel.Log[1]);
    }

    [Fact]
    public async Task Play_digits_of_something_that_is_not_a_number_says_nothing_and_notes_it()
    {
        var channel = new FakeChannel();
        var trace = await _ivr.RunAsync(StartThen(Node("say", "playDigits", new { value = "${NOTHING}", format = "number" })), channel);
        Assert.Equal(["answer", "hangup"], channel.Log);
        Assert.NotNull(trace.Steps[^1].Error);
    }

    [Theory]
    [InlineData("2026-11-23T08:00:00Z", "true")]   // Monday 09:00 in Berlin
    [InlineData("2026-11-23T16:00:00Z", "false")]  // Monday 17:00 in Berlin: the end is exclusive
    [InlineData("2026-11-22T10:00:00Z", "false")]  // Sunday
    [InlineData("2026-12-25T10:00:00Z", "false")]  // Friday, but a holiday
    [InlineData("2026-07-04T08:30:00Z", "true")]   // Saturday 10:30 in summer time (UTC+2); 09:30 if the zone were ignored
    public async Task A_time_condition_checks_days_hours_and_holidays_in_its_zone(string utc, string expected)
    {
        var now = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
        using var ivr = new IvrHarness(now);
        var flow = StartThen(Node("open", "timeCondition", new
        {
            timeZone = "Europe/Berlin",
            ranges = new[] { new { days = new[] { "mon", "tue", "wed", "thu", "fri" }, start = "09:00", end = "17:00" },
                             new { days = new[] { "sat" }, start = "10:00", end = "12:00" } },
            holidays = new[] { "2026-12-25" },
        }));
        var trace = await ivr.RunAsync(flow, new FakeChannel());
        Assert.Equal(expected, trace.Steps[^1].Handle);
    }
}
