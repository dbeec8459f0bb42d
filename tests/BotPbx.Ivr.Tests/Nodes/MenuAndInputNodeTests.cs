using BotPbx.Ivr.Tests.Support;
using BotPbx.Ivr.Tracing;
using static BotPbx.Ivr.Tests.Support.Flows;

namespace BotPbx.Ivr.Tests.Nodes;

public class MenuAndInputNodeTests : IDisposable
{
    private readonly IvrHarness _ivr = new();

    public void Dispose() => _ivr.Dispose();

    private static object Menu(object? extra = null) => Node("menu", "menu", extra ?? new
    {
        prompt = Tts("Press 1 for sales, 2 for support"),
        options = new[] { new { digit = "1" }, new { digit = "2" } },
        timeoutSeconds = 4,
        retries = 1,
        invalidPrompt = Tts("That is not an option"),
    });

    private static object Say(string id, string text) => Node(id, "playMessage", new { prompt = Tts(text) });

    private static BotPbx.Ivr.Flow.IvrFlow MenuFlow(params object[] extraEdges) => WithEdges(
        [Node("start", "start"), Menu(), Say("sales", "Sales"), Say("support", "Support"), Say("sorry", "Goodbye")],
        [Edge("start", "next", "menu"), Edge("menu", "digit-1", "sales"), Edge("menu", "digit-2", "support"), Edge("menu", "maxRetries", "sorry"), .. extraEdges]);

    [Fact]
    public async Task A_menu_follows_the_digit_the_caller_pressed()
    {
        var channel = new FakeChannel().Press("2");
        var trace = await _ivr.RunAsync(MenuFlow(), channel);
        Assert.Equal(["answer", "play prompt:Press 1 for sales, 2 for support", "wait 4s", "play prompt:Support", "hangup"], channel.Log);
        var menu = trace.Steps.Single(s => s.NodeId == "menu");
        Assert.Equal(("digit-2", "2"), (menu.Handle, menu.Digits));
        Assert.Equal(IvrRunOutcome.Completed, trace.Outcome);
    }

    [Fact]
    public async Task A_digit_pressed_during_the_prompt_interrupts_it()
    {
        var channel = new FakeChannel { BargeIn = '1' };
        await _ivr.RunAsync(MenuFlow(), channel);
        Assert.Equal(["answer", "play prompt:Press 1 for sales, 2 for support", "play prompt:Sales", "hangup"], channel.Log);
    }

    [Fact]
    public async Task An_invalid_digit_plays_the_invalid_prompt_and_asks_again()
    {
        var channel = new FakeChannel().Press("71");
        var trace = await _ivr.RunAsync(MenuFlow(), channel);
        Assert.Equal(["answer", "play prompt:Press 1 for sales, 2 for support", "wait 4s", "play prompt:That is not an option",
            "play prompt:Press 1 for sales, 2 for support", "wait 4s", "play prompt:Sales", "hangup"], channel.Log);
        Assert.Equal("71", trace.Steps.Single(s => s.NodeId == "menu").Digits);
    }

    [Fact]
    public async Task Silence_on_every_attempt_follows_max_retries()
    {
        var channel = new FakeChannel().Silence(2);
        var trace = await _ivr.RunAsync(MenuFlow(), channel);
        Assert.Equal("maxRetries", trace.Steps.Single(s => s.NodeId == "menu").Handle);
        Assert.Equal("play prompt:Goodbye", channel.Log[^2]);
    }

    [Fact]
    public async Task Connected_invalid_and_timeout_handles_are_followed_at_once()
    {
        var invalid = new FakeChannel().Press("9");
        var flow = WithEdges([Node("start", "start"), Menu(), Say("sales", "Sales"), Say("bad", "Bad key"), Say("slow", "Too slow")],
            Edge("start", "next", "menu"), Edge("menu", "digit-1", "sales"), Edge("menu", "invalid", "bad"), Edge("menu", "timeout", "slow"));
        await _ivr.RunAsync(flow, invalid);
        Assert.Contains("play prompt:Bad key", invalid.Log);

        var silent = new FakeChannel().Silence();
        await _ivr.RunAsync(flow, silent);
        Assert.Contains("play prompt:Too slow", silent.Log);
    }

    [Fact]
    public async Task Dtmf_input_collects_digits_up_to_the_terminator_into_the_variable()
    {
        var channel = new FakeChannel().Press("4711#9");
        var flow = WithEdges([Node("start", "start"),
            Node("ask", "dtmfInput", new { prompt = Tts("Enter your account number"), variable = "ACCOUNT", maxDigits = 8, timeoutSeconds = 3, terminator = "#" }),
            Node("read", "playDigits", new { value = "${ACCOUNT}", format = "digits" })],
            Edge("start", "next", "ask"), Edge("ask", "next", "read"));
        var trace = await _ivr.RunAsync(flow, channel);
        Assert.Equal("4711", trace.Variables["ACCOUNT"]);
        Assert.Contains("say digits 4711", channel.Log);
        Assert.Equal("4711", trace.Steps.Single(s => s.NodeId == "ask").Digits);
    }

    [Fact]
    public async Task Dtmf_input_stops_at_max_digits()
    {
        var channel = new FakeChannel().Press("123456");
        var flow = StartThen(Node("ask", "dtmfInput", new { variable = "PIN", maxDigits = 4, timeoutSeconds = 3 }));
        var trace = await _ivr.RunAsync(flow, channel);
        Assert.Equal("1234", trace.Variables["PIN"]);
    }

    [Fact]
    public async Task Dtmf_input_without_any_digit_follows_timeout()
    {
        var channel = new FakeChannel().Silence();
        var flow = WithEdges([Node("start", "start"), Node("ask", "dtmfInput", new { variable = "PIN", maxDigits = 4, timeoutSeconds = 3 }),
            Say("slow", "No input")], Edge("start", "next", "ask"), Edge("ask", "timeout", "slow"));
        var trace = await _ivr.RunAsync(flow, channel);
        Assert.Equal("timeout", trace.Steps.Single(s => s.NodeId == "ask").Handle);
        Assert.Equal("", trace.Variables["PIN"]);
    }

    [Fact]
    public async Task Input_that_stops_midway_keeps_the_digits_so_far()
    {
        var channel = new FakeChannel().Press("12").Silence();
        var flow = StartThen(Node("ask", "dtmfInput", new { variable = "PIN", maxDigits = 4, timeoutSeconds = 3 }));
        var trace = await _ivr.RunAsync(flow, channel);
        Assert.Equal(("12", "next"), (trace.Variables["PIN"], trace.Steps[^1].Handle));
    }
}
