using BotPbx.Ivr.Tests.Support;
using BotPbx.Ivr.Tracing;
using static BotPbx.Ivr.Tests.Support.Flows;

namespace BotPbx.Ivr.Tests.Nodes;

public class RoutingNodeTests : IDisposable
{
    private readonly IvrHarness _ivr = new();

    public void Dispose() => _ivr.Dispose();

    [Theory]
    [InlineData("extension", "1001", "exec Goto botpbx-extensions,1001,1")]
    [InlineData("external", "+4930123456", "exec Goto botpbx-outbound,+4930123456,1")]
    [InlineData("queue", "605", "exec Goto botpbx-queues,605,1")]
    [InlineData("ringGroup", "600", "exec Goto botpbx-ringgroups,600,1")]
    [InlineData("aiAgent", "42", "exec Goto botpbx-ai-agent,42,1")]
    public async Task A_transfer_hands_the_call_to_the_dialplan_and_does_not_hang_up(string kind, string target, string expected)
    {
        var channel = new FakeChannel();
        var trace = await _ivr.RunAsync(StartThen(Node("t", "transfer", new { destination = new { kind, target } })), channel);
        Assert.Equal(expected, channel.Log[^1]);
        Assert.Equal(IvrRunOutcome.HandedOff, trace.Outcome);
    }

    [Fact]
    public async Task Voicemail_for_an_extension_and_the_general_mailbox()
    {
        var personal = new FakeChannel();
        await _ivr.RunAsync(StartThen(Node("vm", "voicemail", new { mailbox = "1001" })), personal);
        Assert.Equal(["answer", "exec VoiceMail 1001@botpbx,u", "hangup"], personal.Log);

        _ivr.Options.GeneralMailbox = "1000";
        var general = new FakeChannel();
        await _ivr.RunAsync(StartThen(Node("vm", "voicemail", new { mailbox = "general" })), general);
        Assert.Equal("exec VoiceMail 1000@botpbx,u", general.Log[1]);
    }

    [Fact]
    public async Task Voicemail_to_the_general_mailbox_that_is_not_set_up_gets_the_fallback()
    {
        var channel = new FakeChannel();
        var trace = await _ivr.RunAsync(StartThen(Node("vm", "voicemail", new { mailbox = "general" })), channel);
        Assert.Equal(["answer", "play botpbx/system/error", "hangup"], channel.Log);
        Assert.Equal(IvrRunOutcome.Failed, trace.Outcome);
    }

    [Fact]
    public async Task An_ai_agent_gets_its_id_and_the_templated_context_on_the_channel()
    {
        var channel = new FakeChannel("5550001");
        var trace = await _ivr.RunAsync(StartThen(Node("ai", "aiAgent", new { agentId = "7", context = "Caller ${CALLERID} chose billing" })), channel);
        Assert.Equal(["answer", "set BOTPBX_AI_AGENT=7", "set BOTPBX_AI_CONTEXT=Caller 5550001 chose billing", "exec Goto botpbx-ai-agent,7,1"], channel.Log);
        Assert.Equal(IvrRunOutcome.HandedOff, trace.Outcome);
    }

    [Fact]
    public async Task Go_to_ivr_continues_in_the_other_published_flow_with_the_same_variables()
    {
        _ivr.Store.Publish("billing", StartThen(Node("hello", "playMessage", new { prompt = Tts("Billing for ${CUSTOMER}") })));
        var channel = new FakeChannel();
        var trace = await _ivr.RunAsync(WithEdges([Node("start", "start"),
            Node("set", "setVariable", new { assignments = new[] { new { variable = "CUSTOMER", value = "ACME" } } }),
            Node("jump", "goToIvr", new { ivrId = "billing" })], Edge("start", "next", "set"), Edge("set", "next", "jump")), channel);
        Assert.Contains("play prompt:Billing for ACME", channel.Log);
        Assert.Equal(["main", "main", "main", "billing", "billing"], trace.Steps.Select(s => s.IvrId));
        Assert.Equal("billing", trace.Variables["IVR_ID"]);
    }

    [Fact]
    public async Task A_hangup_node_ends_the_call()
    {
        var channel = new FakeChannel();
        var trace = await _ivr.RunAsync(StartThen(Node("bye", "hangup")), channel);
        Assert.Equal(["answer", "hangup"], channel.Log);
        Assert.Equal(IvrRunOutcome.Completed, trace.Outcome);
    }

    [Fact]
    public async Task A_start_node_may_leave_the_call_unanswered()
    {
        var channel = new FakeChannel();
        await _ivr.RunAsync(WithEdges([Node("start", "start", new { answer = false }), Node("bye", "hangup")], Edge("start", "next", "bye")), channel);
        Assert.Equal(["hangup"], channel.Log);
    }

    [Fact]
    public async Task A_recording_prompt_and_a_recorded_message()
    {
        var channel = new FakeChannel();
        var trace = await _ivr.RunAsync(StartThen(Node("rec", "recordMessage",
            new { prompt = new { kind = "recording", recordingId = "greeting" }, maxSeconds = 60, variable = "MESSAGE" })), channel);
        Assert.Equal("play recording:greeting", channel.Log[1]);
        Assert.StartsWith("record /var/spool/asterisk/botpbx/ivr/", channel.Log[2], StringComparison.Ordinal);
        Assert.EndsWith("max=60s beep=True", channel.Log[2], StringComparison.Ordinal);
        Assert.EndsWith(".wav", trace.Variables["MESSAGE"], StringComparison.Ordinal);
    }
}
