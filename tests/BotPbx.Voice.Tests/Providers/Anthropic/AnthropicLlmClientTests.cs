using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.Anthropic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BotPbx.Voice.Tests.Providers.Anthropic;

/// <summary>The Anthropic client against a loopback server that answers POST /v1/messages with the Messages API's SSE.</summary>
public sealed class AnthropicLlmClientTests
{
    private const string Key = "sk-ant-test-0123456789abcdef";

    /// <summary>The event sequence of the API's streaming docs: text, then a tool_use whose input arrives in fragments.</summary>
    private static readonly string[] TextThenToolUse =
    [
        Sse("message_start", """{"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-sonnet-4-5","stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2},"content":[],"stop_reason":null}}"""),
        Sse("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
        Sse("ping", """{"type": "ping"}"""),
        Sse("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Okay,"}}"""),
        Sse("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" let me transfer you."}}"""),
        Sse("content_block_stop", """{"type":"content_block_stop","index":0}"""),
        Sse("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"transfer","input":{}}}"""),
        Sse("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}"""),
        Sse("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"targ"}}"""),
        Sse("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"et\": \"sal"}}"""),
        Sse("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"es\", \"mode\": \"warm\"}"}}"""),
        Sse("content_block_stop", """{"type":"content_block_stop","index":1}"""),
        Sse("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}"""),
        Sse("message_stop", """{"type":"message_stop"}"""),
    ];

    [Fact]
    public async Task Text_streams_in_order_and_a_fragmented_tool_use_arrives_as_one_complete_call()
    {
        JsonObject? body = null;
        string? apiKey = null, version = null;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", async context =>
        {
            // SDK 13.x sends the key as a bearer token (older ones used x-api-key); either is the key, in a header.
            apiKey = context.Request.Headers.Authorization.ToString() is ['B', 'e', 'a', 'r', 'e', 'r', ' ', .. var bearer] ? bearer : context.Request.Headers["x-api-key"];
            version = context.Request.Headers["anthropic-version"];
            body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            await WriteSseAsync(context, TextThenToolUse);
        }));
        using var client = Client(server);

        var deltas = await Collect(client.StreamAsync(Request(), CancellationToken.None));

        Assert.Equal(["Okay,", " let me transfer you."], deltas.OfType<LlmTextDelta>().Select(d => d.Text));
        var call = Assert.Single(deltas.OfType<LlmToolCallDelta>()).Call;
        Assert.Equal("toolu_01T1x1fJ34qAmk2tNTrN7Up6", call.Id);
        Assert.Equal("transfer", call.Name);
        Assert.Equal("sales", JsonNode.Parse(call.ArgumentsJson)!["target"]!.GetValue<string>());
        var done = Assert.IsType<LlmDone>(deltas[^1]);
        Assert.Equal(("tool_use", 472, 89), (done.FinishReason, done.InputTokens, done.OutputTokens));

        Assert.Equal(Key, apiKey);
        Assert.False(string.IsNullOrEmpty(version));
        Assert.True(body!["stream"]!.GetValue<bool>());
        Assert.Equal("claude-sonnet-4-5", body["model"]!.GetValue<string>());
        Assert.Equal(256, body["max_tokens"]!.GetValue<int>());
        Assert.Equal(0.4, body["temperature"]!.GetValue<double>(), 3);
        Assert.Equal("You are the front desk of Acme.", body["system"]!.GetValue<string>());
        var tool = body["tools"]![0]!;
        Assert.Equal("transfer", tool["name"]!.GetValue<string>());
        Assert.Equal("object", tool["input_schema"]!["type"]!.GetValue<string>());
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        var toolUse = messages[1]!["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_use")!;
        Assert.Equal("lookup_order", toolUse["name"]!.GetValue<string>());
        Assert.Equal("A-17", toolUse["input"]!["order"]!.GetValue<string>());
        var result = messages[2]!["content"]![0]!;
        Assert.Equal(("tool_result", "toolu_prev", "shipped"),
            (result["type"]!.GetValue<string>(), result["tool_use_id"]!.GetValue<string>(), result["content"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_conversation_without_system_text_or_tools_sends_neither()
    {
        JsonObject? body = null;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", async context =>
        {
            body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            await WriteSseAsync(context, [TextThenToolUse[0], TextThenToolUse[1], TextThenToolUse[3], TextThenToolUse[5], TextThenToolUse[^2], TextThenToolUse[^1]]);
        }));
        using var client = Client(server);

        var deltas = await Collect(client.StreamAsync(new LlmRequest("claude-haiku-4-5", [new ChatMessage(ChatRole.User, "Hi")], [], 0.2, 100), CancellationToken.None));

        Assert.Equal("Okay,", Assert.Single(deltas.OfType<LlmTextDelta>()).Text);
        Assert.False(body!.ContainsKey("system"));
        Assert.False(body.ContainsKey("tools"));
        Assert.Equal("Hi", body["messages"]![0]!["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refused_key_names_Anthropic_and_never_the_key()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", context =>
        {
            context.Response.StatusCode = 401;
            return context.Response.WriteAsync($$"""{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key {{Key}}"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}""");
        }));
        using var client = Client(server);

        var e = await Assert.ThrowsAsync<ProviderException>(() => Collect(client.StreamAsync(Request(), CancellationToken.None)));

        Assert.Equal(ProviderFailure.Unauthorized, e.Failure);
        Assert.StartsWith("Anthropic:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_says_when_to_retry()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers["retry-after"] = "7";
            return context.Response.WriteAsync("""{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}""");
        }));
        using var client = Client(server);

        var e = await Assert.ThrowsAsync<ProviderException>(() => Collect(client.StreamAsync(Request(), CancellationToken.None)));

        Assert.Equal((ProviderFailure.RateLimited, TimeSpan.FromSeconds(7)), (e.Failure, e.RetryAfter));
        Assert.Contains("rate limit", e.Message, StringComparison.Ordinal);
        Assert.Single(server.Seen); // no silent retry while a caller waits
    }

    [Fact]
    public async Task An_error_event_in_the_stream_fails_the_turn_with_the_vendors_reason()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", context => WriteSseAsync(context,
        [
            TextThenToolUse[0],
            Sse("error", """{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}"""),
        ])));
        using var client = Client(server);

        var e = await Assert.ThrowsAsync<ProviderException>(() => Collect(client.StreamAsync(Request(), CancellationToken.None)));

        Assert.Equal(ProviderFailure.Unavailable, e.Failure);
        Assert.Contains("Overloaded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_cut_before_message_stop_is_an_error_not_a_short_answer()
    {
        var clientHasText = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", async context =>
        {
            await WriteSseAsync(context, TextThenToolUse[..5]);
            await clientHasText.Task; // a reset would otherwise discard bytes the client had not read yet
            context.Abort();
        }));
        using var client = Client(server);

        var seen = new List<LlmDelta>();
        var e = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var delta in client.StreamAsync(Request(), CancellationToken.None))
            {
                seen.Add(delta);
                if (seen.Count == 2) clientHasText.TrySetResult();
            }
        });

        Assert.Equal(ProviderFailure.Unavailable, e.Failure);
        Assert.Equal(2, seen.Count); // the two text deltas that did arrive
        Assert.DoesNotContain(seen, d => d is LlmDone);
    }

    [Fact]
    public async Task Malformed_json_in_an_event_is_a_protocol_error()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", context => WriteSseAsync(context,
        [
            TextThenToolUse[0],
            Sse("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"""),
        ])));
        using var client = Client(server);

        var e = await Assert.ThrowsAsync<ProviderException>(() => Collect(client.StreamAsync(Request(), CancellationToken.None)));

        Assert.Equal(ProviderFailure.Protocol, e.Failure);
    }

    [Fact]
    public async Task A_stream_that_ends_cleanly_but_without_message_stop_is_an_error()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", context => WriteSseAsync(context, TextThenToolUse[..12])));
        using var client = Client(server);

        var e = await Assert.ThrowsAsync<ProviderException>(() => Collect(client.StreamAsync(Request(), CancellationToken.None)));

        Assert.Equal(ProviderFailure.Unavailable, e.Failure);
    }

    [Fact]
    public async Task Cancelling_closes_the_connection_the_server_is_still_streaming_on()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", async context =>
        {
            context.RequestAborted.Register(() => aborted.TrySetResult());
            await WriteSseAsync(context, TextThenToolUse[..4]);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        }));
        using var client = Client(server);
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var delta in client.StreamAsync(Request(), cts.Token))
            {
                if (delta is LlmTextDelta) await cts.CancelAsync();
            }
        });

        await aborted.Task.WaitAsync(TimeSpan.FromSeconds(20)); // the server saw the connection go
    }

    [Fact]
    public async Task No_key_fails_before_any_request()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", () => Results.Ok()));
        using var client = new AnthropicLlmClient(new ProviderSettings(AnthropicLlmClient.Kind, null, server.BaseUrl));

        var e = await Assert.ThrowsAsync<ProviderException>(() => Collect(client.StreamAsync(Request(), CancellationToken.None)));

        Assert.Equal(ProviderFailure.Unauthorized, e.Failure);
        Assert.Empty(server.Seen);
    }

    private static AnthropicLlmClient Client(LoopbackServer server) => new(new ProviderSettings(AnthropicLlmClient.Kind, Key, server.BaseUrl));

    private static LlmRequest Request() => new(
        "claude-sonnet-4-5",
        [
            new ChatMessage(ChatRole.System, "You are the front desk of Acme."),
            new ChatMessage(ChatRole.User, "Where is my order A-17?"),
            new ChatMessage(ChatRole.Assistant, "Let me look.", [new ToolCall("toolu_prev", "lookup_order", """{"order":"A-17"}""")]),
            new ChatMessage(ChatRole.Tool, "shipped", ToolCallId: "toolu_prev"),
        ],
        [new ToolDefinition("transfer", "Transfers the caller", (JsonObject)JsonNode.Parse("""{"type":"object","properties":{"target":{"type":"string"}},"required":["target"]}""")!)],
        0.4,
        256);

    private static string Sse(string name, string data) => $"event: {name}\ndata: {data}\n\n";

    private static async Task WriteSseAsync(HttpContext context, IEnumerable<string> events)
    {
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        foreach (var e in events) await LoopbackServer.WriteFlushedAsync(context.Response, Encoding.UTF8.GetBytes(e));
    }

    internal static async Task<List<LlmDelta>> Collect(IAsyncEnumerable<LlmDelta> stream)
    {
        var all = new List<LlmDelta>();
        await foreach (var delta in stream) all.Add(delta);
        return all;
    }
}
