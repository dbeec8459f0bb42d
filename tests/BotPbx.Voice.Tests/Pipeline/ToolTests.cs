using System.Text;
using System.Text.Json.Nodes;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Tests.Fakes;
using BotPbx.Voice.Tools;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BotPbx.Voice.Tests.Pipeline;

public sealed class ToolTests
{
    private static readonly TimeSpan Speech = TimeSpan.FromMilliseconds(600);

    private static readonly TransferTarget Sales = new("sales", "queue", "600", "Buying phones", Warm: false);

    [Fact]
    public async Task A_transfer_is_done_after_the_words_before_it_are_heard()
    {
        var llm = new ScriptedLlm((_, _) =>
        [
            .. ScriptedLlm.Words("Connecting you to sales now. "),
            new LlmToolCallDelta(new ToolCall("c1", "transfer", """{"target":"sales","summary":"Wants 20 phones"}""")),
            new LlmDone("tool_calls"),
        ]);
        var tts = new ToneTts();
        await using var call = await AgentCallHarness.StartAsync(AgentCallHarness.Agent(a => a with { TransferTargets = [Sales] }), llm, new ScriptedStt("sales please"), tts);

        call.Say(Speech);
        var end = await call.EndAsync();

        Assert.Equal("transferred", end.Outcome);
        Assert.Equal("sales", end.TransferredTo);
        Assert.Equal(["transfer queue 600 Wants 20 phones"], call.Call.Actions);
        Assert.Equal(["Connecting you to sales now."], tts.Sentences);
        var tool = call.Store.Snapshot().Single(t => t.Role == "tool");
        Assert.Equal("transfer", tool.ToolName);
        Assert.Contains("Wants 20 phones", tool.ToolArguments, StringComparison.Ordinal);
        // Every frame of "Connecting you…" went out before the transfer (the fake transfer ends the audio).
        Assert.Equal(29 * 10 / 20, call.AgentSoundFrames());
    }

    [Fact]
    public async Task A_transfer_to_a_target_the_agent_does_not_have_is_refused_back_to_the_model()
    {
        var llm = new ScriptedLlm((_, n) => n == 0
            ? [new LlmToolCallDelta(new ToolCall("c1", "transfer", """{"target":"ceo"}""")), new LlmDone("tool_calls")]
            : [.. ScriptedLlm.Words("I cannot do that."), new LlmDone("stop")]);
        await using var call = await AgentCallHarness.StartAsync(AgentCallHarness.Agent(a => a with { TransferTargets = [Sales] }), llm, new ScriptedStt("the boss"), new ToneTts());

        call.Say(Speech);
        await call.WaitForTurnAsync("agent");

        Assert.Empty(call.Call.Actions);
        var toolAnswer = llm.Requests[1].Messages[^1];
        Assert.Equal(ChatRole.Tool, toolAnswer.Role);
        Assert.Equal("c1", toolAnswer.ToolCallId);
        Assert.Contains("unknown target 'ceo'", toolAnswer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_transfer_keeps_the_caller_with_the_agent_and_tells_the_model()
    {
        var llm = new ScriptedLlm((_, n) => n == 0
            ? [new LlmToolCallDelta(new ToolCall("c1", "transfer", """{"target":"sales"}""")), new LlmDone("tool_calls")]
            : [.. ScriptedLlm.Words("Nobody is free right now."), new LlmDone("stop")]);
        await using var call = await AgentCallHarness.StartAsync(AgentCallHarness.Agent(a => a with { TransferTargets = [Sales with { Warm = true }] }), llm, new ScriptedStt("sales"), new ToneTts());
        call.Call.TransferAnswer = new TransferResult(false, "nobody answered");

        call.Say(Speech);
        await call.WaitUntilAsync(() => call.Store.Snapshot().Any(t => t.Role == "agent" && t.Text == "Nobody is free right now."));

        Assert.Contains("transfer failed: nobody answered", llm.Requests[1].Messages[^1].Text, StringComparison.Ordinal);
        Assert.False(call.Running.IsCompleted);
    }

    [Fact]
    public async Task Hang_up_and_send_dtmf_do_what_they_say()
    {
        var llm = new ScriptedLlm((_, n) => n == 0
            ? [new LlmToolCallDelta(new ToolCall("c1", "send_dtmf", """{"digits":"12#"}""")), new LlmDone("tool_calls")]
            : [.. ScriptedLlm.Words("Goodbye. "), new LlmToolCallDelta(new ToolCall("c2", "hang_up", "{}")), new LlmDone("tool_calls")]);
        await using var call = await AgentCallHarness.StartAsync(AgentCallHarness.Agent(), llm, new ScriptedStt("press twelve"), new ToneTts());

        call.Say(Speech);
        var end = await call.EndAsync();

        Assert.Equal("completed", end.Outcome);
        Assert.Equal(["dtmf 12#", "hangup"], call.Call.Actions);
    }

    [Fact]
    public async Task A_user_function_gets_the_arguments_signed_and_its_answer_goes_back_to_the_model()
    {
        var received = new List<(string Body, string? Signature, string? Function)>();
        await using var webhook = await StartWebhookAsync(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            lock (received) received.Add((body, context.Request.Headers[FunctionCaller.SignatureHeader], context.Request.Headers[FunctionCaller.FunctionHeader]));
            await context.Response.WriteAsync("""{"customer":"Jane Doe","tier":"gold"}""");
        });
        var url = new Uri(webhook.Urls.First() + "/lookup");
        var schema = JsonNode.Parse("""{"type":"object","properties":{"phone":{"type":"string"}}}""")!.AsObject();
        var agent = AgentCallHarness.Agent(a => a with { Functions = [new AgentFunction("lookup_customer", "Finds a customer", schema, url, "s3cret")] });
        var llm = new ScriptedLlm((_, n) => n == 0
            ? [new LlmToolCallDelta(new ToolCall("c1", "lookup_customer", """{"phone":"5551234"}""")), new LlmDone("tool_calls")]
            : [.. ScriptedLlm.Words("Hello Jane."), new LlmDone("stop")]);
        await using var call = await AgentCallHarness.StartAsync(agent, llm, new ScriptedStt("who am i"), new ToneTts());

        call.Say(Speech);
        await call.WaitForTurnAsync("agent");

        var (body, signature, function) = Assert.Single(received);
        Assert.Equal("""{"phone":"5551234"}""", body);
        Assert.True(WebhookSignature.Verify("s3cret", signature, Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)),
            $"signed with the function's secret the way webhooks are: {signature}");
        Assert.False(WebhookSignature.Verify("other", signature, Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)));
        Assert.Equal("lookup_customer", function);
        Assert.Equal("""{"customer":"Jane Doe","tier":"gold"}""", llm.Requests[1].Messages[^1].Text);
        Assert.Contains(llm.Requests[0].Tools, t => t.Name == "lookup_customer");
        var tool = call.Store.Snapshot().Single(t => t.Role == "tool");
        Assert.Equal("""{"customer":"Jane Doe","tier":"gold"}""", tool.ToolResult);
    }

    [Fact]
    public async Task A_function_that_does_not_answer_in_time_becomes_an_error_for_the_model()
    {
        await using var webhook = await StartWebhookAsync(async context => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        var caller = new FunctionCaller(new HttpClient(), TimeSpan.FromMilliseconds(200));
        var function = new AgentFunction("slow", "", new JsonObject(), new Uri(webhook.Urls.First() + "/slow"), null);

        var result = await caller.CallAsync(function, "{}", CancellationToken.None);

        Assert.Contains("did not answer within", result, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_is_offered_transfer_only_when_the_agent_has_targets()
    {
        var without = new AgentTools(AgentCallHarness.Agent(), new FakeCall(), new FunctionCaller(new HttpClient(), TimeSpan.FromSeconds(1)));
        var with = new AgentTools(AgentCallHarness.Agent(a => a with { TransferTargets = [Sales] }), new FakeCall(), new FunctionCaller(new HttpClient(), TimeSpan.FromSeconds(1)));

        Assert.Equal(["hang_up", "send_dtmf"], without.Definitions.Select(d => d.Name));
        Assert.Equal(["transfer", "hang_up", "send_dtmf"], with.Definitions.Select(d => d.Name));
        Assert.Equal("sales", with.Definitions[0].Parameters["properties"]!["target"]!["enum"]![0]!.GetValue<string>());
    }

    private static async Task<WebApplication> StartWebhookAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return app;
    }
}
