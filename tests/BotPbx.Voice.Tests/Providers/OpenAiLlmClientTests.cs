using System.Text.Json.Nodes;
using BotPbx.TestSupport.Voice;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.OpenAi;

namespace BotPbx.Voice.Tests.Providers;

/// <summary>The OpenAI SDK client against a loopback server streaming OpenAI's real chat.completion.chunk SSE.</summary>
public sealed class OpenAiLlmClientTests
{
    private static readonly JsonObject TransferSchema = JsonNode.Parse("""
        {"type":"object","properties":{"target":{"type":"string"}},"required":["target"]}
        """)!.AsObject();

    [Fact]
    public async Task Text_arrives_fragment_by_fragment_and_ends_with_done()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(ScriptedReply.Say("Hello there. How can I help you today?"));
        var client = new OpenAiLlmClient(new ProviderSettings("openai", "sk-test", server.BaseUrl));

        var deltas = await CollectAsync(client, Request([new ChatMessage(ChatRole.User, "hi")]));

        var texts = deltas.OfType<LlmTextDelta>().Select(d => d.Text).ToList();
        Assert.True(texts.Count > 3, "streamed in several fragments");
        Assert.Equal("Hello there. How can I help you today?", string.Concat(texts));
        var done = Assert.IsType<LlmDone>(deltas[^1]);
        Assert.Equal("stop", done.FinishReason);
    }

    [Fact]
    public async Task Tool_call_argument_fragments_are_assembled_into_one_complete_call()
    {
        var arguments = """{"target":"sales","summary":"Caller wants a quote for 20 phones"}""";
        await using var server = await ScriptedOpenAiServer.StartAsync(
            ScriptedReply.Say("One moment. ", new ScriptedToolCall("call_7", "transfer", arguments), new ScriptedToolCall("call_8", "hang_up", "{}")));
        var client = new OpenAiLlmClient(new ProviderSettings("openai", null, server.BaseUrl));

        var deltas = await CollectAsync(client, Request([new ChatMessage(ChatRole.User, "sales please")]));

        var calls = deltas.OfType<LlmToolCallDelta>().Select(d => d.Call).ToList();
        Assert.Equal([new ToolCall("call_7", "transfer", arguments), new ToolCall("call_8", "hang_up", "{}")], calls);
        Assert.Equal("tool_calls", Assert.IsType<LlmDone>(deltas[^1]).FinishReason);
        Assert.True(deltas.IndexOf(deltas.OfType<LlmTextDelta>().Last()) < deltas.IndexOf(deltas.OfType<LlmToolCallDelta>().First()));
    }

    [Fact]
    public async Task The_request_carries_model_settings_tools_and_the_tool_round_trip()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(ScriptedReply.Say("Done."));
        var client = new OpenAiLlmClient(new ProviderSettings("openai", "sk-test", server.BaseUrl));
        ChatMessage[] history =
        [
            new(ChatRole.System, "You are the front desk."),
            new(ChatRole.User, "Book me in."),
            new(ChatRole.Assistant, "Checking.", [new ToolCall("call_1", "book", """{"day":"monday"}""")]),
            new(ChatRole.Tool, """{"ok":true}""", ToolCallId: "call_1"),
        ];

        await CollectAsync(client, Request(history) with { Tools = [new ToolDefinition("transfer", "Transfers the caller", TransferSchema)] });

        var body = Assert.Single(server.Requests);
        Assert.Equal("test-model", body["model"]!.GetValue<string>());
        Assert.True(body["stream"]!.GetValue<bool>());
        Assert.Equal(0.2, body["temperature"]!.GetValue<double>(), 3);
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "tool"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("call_1", messages[2]!["tool_calls"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("""{"day":"monday"}""", messages[2]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("call_1", messages[3]!["tool_call_id"]!.GetValue<string>());
        var tool = body["tools"]![0]!;
        Assert.Equal("transfer", tool["function"]!["name"]!.GetValue<string>());
        Assert.Equal("object", tool["function"]!["parameters"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancelling_stops_the_stream()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(ScriptedReply.Say(string.Join(' ', Enumerable.Repeat("word", 400))));
        server.ChunkDelay = TimeSpan.FromMilliseconds(20);
        var client = new OpenAiLlmClient(new ProviderSettings("openai", "sk-test", server.BaseUrl));
        using var cancel = new CancellationTokenSource();

        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var delta in client.StreamAsync(Request([new ChatMessage(ChatRole.User, "talk")]), cancel.Token))
            {
                if (++received == 3) await cancel.CancelAsync();
            }
        });
        Assert.True(received < 10);
    }

    private static LlmRequest Request(IReadOnlyList<ChatMessage> messages) => new("test-model", messages, [], 0.2, 200);

    private static async Task<List<LlmDelta>> CollectAsync(ILlmClient client, LlmRequest request)
    {
        var list = new List<LlmDelta>();
        await foreach (var delta in client.StreamAsync(request, CancellationToken.None)) list.Add(delta);
        return list;
    }
}
