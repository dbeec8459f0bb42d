using System.Text.Json.Nodes;
using BotPbx.Api.IntegrationTests.Telephony;
using BotPbx.TestSupport.Voice;

namespace BotPbx.Api.IntegrationTests.Agents;

/// <summary>
/// The try-it chat against a scripted OpenAI-compatible server on loopback (the real SSE wire format): the call's
/// prompt with variables, its tools, functions really called, transfers shown and not done, turns saved.
/// </summary>
public sealed class AgentChatTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private ApiFactory Api => fixture.Api;

    private static List<(string Event, JsonObject Data)> ReadEvents(string stream) =>
        [.. stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(block =>
        {
            var lines = block.Split('\n');
            var name = lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..];
            var data = lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
            return (name, (JsonObject)JsonNode.Parse(data)!);
        })];

    [Fact]
    public async Task A_chat_streams_the_answer_calls_functions_and_shows_a_transfer_without_doing_it()
    {
        await using var receiver = await LoopbackWebhookReceiver.StartAsync();
        await using var llm = await ScriptedOpenAiServer.StartAsync(
            ScriptedReply.Say("Let me look you up."),
            ScriptedReply.Call(ScriptedToolCall.Of("call_1", "lookup_customer", new { phone = "+15551230000" })),
            ScriptedReply.Say("Found you, Ada. Connecting you to sales.", ScriptedToolCall.Of("call_2", "transfer", new { target = "Sales", summary = "Ada wants a quote" })));
        using var admin = await Api.SignInAsAdminAsync();
        await admin.PutJsonAsync("/api/ai-providers/openai-compatible", new { baseUrl = llm.BaseUrl.ToString() });
        var (_, extension, _) = await admin.CreateExtensionAsync();
        var agent = await admin.CreateAgentIdAsync(new
        {
            name = AgentRequests.NewName(), llmProvider = "openai-compatible", model = "scripted", systemPrompt = "You help {{customer}} calling from {{caller_id}}.",
            greeting = "Hi {{customer}}!",
            functions = new[]
            {
                new { name = "lookup_customer", description = "Find a customer", url = receiver.Url("/lookup"),
                      parameters = new { type = "object", properties = new { phone = new { type = "string" } } } },
            },
            transferTargets = new[] { new { name = "Sales", kind = "extension", number = extension } },
        });

        using var started = await admin.PostAsJsonAsync($"/api/agents/{agent}/chat", new { variables = new { customer = "Ada", caller_id = "+15551230000" } });
        var start = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal("Hi Ada!", start.GetProperty("greeting").GetString());
        var conversation = start.GetProperty("conversationId").GetInt64();

        using var first = await admin.PostAsJsonAsync($"/api/agents/chat/{conversation}/messages", new { text = "Hello, I want a quote" });
        Assert.Equal("text/event-stream", first.Content.Headers.ContentType?.MediaType);
        var events = ReadEvents(await first.Content.ReadAsStringAsync());
        Assert.Equal("Let me look you up.", string.Concat(events.Where(e => e.Event == "text").Select(e => (string)e.Data["text"]!)));
        Assert.Equal("done", events[^1].Event);
        // The model got the call's prompt with the variables filled in, the greeting, and the tools.
        var request = llm.Requests[0];
        Assert.Equal("You help Ada calling from +15551230000.", (string)request["messages"]![0]!["content"]!);
        Assert.Equal("Hi Ada!", (string)request["messages"]![1]!["content"]!);
        var tools = request["tools"]!.AsArray().Select(t => (string)t!["function"]!["name"]!).ToList();
        Assert.Equal(["transfer", "hang_up", "send_dtmf", "lookup_customer"], tools);

        using var second = await admin.PostAsJsonAsync($"/api/agents/chat/{conversation}/messages?stream=false", new { text = "My number is +15551230000" });
        var reply = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("Found you, Ada. Connecting you to sales.", reply.GetProperty("text").GetString());
        var kinds = reply.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).Distinct().ToList();
        Assert.Equal(["tool", "text", "done", "ended"], kinds);
        var toolEvents = reply.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "tool").ToList();
        Assert.Equal(("lookup_customer", true), (toolEvents[0].GetProperty("name").GetString(), toolEvents[0].GetProperty("executed").GetBoolean()));
        Assert.Equal(("transfer", false), (toolEvents[1].GetProperty("name").GetString(), toolEvents[1].GetProperty("executed").GetBoolean()));
        Assert.Equal("Sales", reply.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "ended")
            .GetProperty("transferredTo").GetString());
        // The function was really called, signed, with the model's arguments.
        var call = Assert.Single(receiver.Requests);
        Assert.Equal("/lookup", call.Path);
        Assert.Equal("+15551230000", (string)JsonNode.Parse(call.Body)!["phone"]!);
        // Signed like every webhook (WebhookSignature: t=<unix seconds>,v1=<HMAC-SHA256 of "t.body">).
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", call.Headers["X-BotPBX-Signature"]);

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/agents/chat/{conversation}/messages", new { text = "still there?" })).StatusCode);
        var saved = await AgentRequests.ReadOkAsync(await admin.GetAsync($"/api/agents/conversations/{conversation}"));
        Assert.Equal(("chat", "transferred"), (saved.GetProperty("conversation").GetProperty("source").GetString(),
            saved.GetProperty("conversation").GetProperty("outcome").GetString()));
        Assert.Equal(["agent", "caller", "agent", "caller", "tool", "agent", "tool"],
            saved.GetProperty("turns").EnumerateArray().Select(t => t.GetProperty("role").GetString()));
        Assert.True(saved.GetProperty("turns")[2].GetProperty("timings").GetProperty("llmFirstTokenMs").GetDouble() >= 0);
    }

    [Fact]
    public async Task An_unreachable_provider_is_reported_in_the_stream_and_the_chat_stays_open()
    {
        using var admin = await Api.SignInAsAdminAsync();
        await admin.PutJsonAsync("/api/ai-providers/openai-compatible", new { baseUrl = "http://127.0.0.1:9/v1" });
        var agent = await admin.CreateAgentIdAsync();
        using var started = await admin.PostAsJsonAsync($"/api/agents/{agent}/chat", new { });
        var conversation = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("conversationId").GetInt64();

        using var sent = await admin.PostAsJsonAsync($"/api/agents/chat/{conversation}/messages?stream=false", new { text = "Hello" });
        var reply = JsonDocument.Parse(await sent.Content.ReadAsStringAsync()).RootElement;
        var error = Assert.Single(reply.GetProperty("events").EnumerateArray());
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.StartsWith("The openai provider failed", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        var problem = await Problem.ReadAsync(await admin.PostAsJsonAsync($"/api/agents/chat/{conversation}/messages", new { text = "" }),
            HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["is required"], problem.Errors["text"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/agents/chat/999999/messages", new { text = "hi" })).StatusCode);
        var (supervisor, _) = await Api.CreateSignedInUserAsync("supervisor");
        using (supervisor)
            Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync($"/api/agents/{agent}/chat", new { })).StatusCode);
    }

    [Fact]
    public async Task A_chat_goes_on_after_a_restart_with_the_history_it_had()
    {
        await using var llm = await ScriptedOpenAiServer.StartAsync(ScriptedReply.Say("We open at nine."), ScriptedReply.Say("And we close at five."));
        using var admin = await Api.SignInAsAdminAsync();
        await admin.PutJsonAsync("/api/ai-providers/openai-compatible", new { baseUrl = llm.BaseUrl.ToString() });
        var agent = await admin.CreateAgentIdAsync(new
        {
            name = AgentRequests.NewName(), llmProvider = "openai-compatible", model = "scripted", systemPrompt = "You help {{customer}}.", greeting = "Hello!",
        });
        using var started = await admin.PostAsJsonAsync($"/api/agents/{agent}/chat", new { variables = new { customer = "Ada" } });
        var conversation = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("conversationId").GetInt64();
        using (var first = await admin.PostAsJsonAsync($"/api/agents/chat/{conversation}/messages?stream=false", new { text = "When do you open?" }))
            Assert.Equal("We open at nine.", (await AgentRequests.ReadOkAsync(first)).GetProperty("text").GetString());

        // A second process on the same database, as after a restart: nothing of the chat in its memory.
        await using var restarted = await ApiFactory.StartAsync(fixture.Database.ConnectionString, new Dictionary<string, string?>
        {
            ["ASTERISK_CONFIG_DIR"] = fixture.AsteriskDir,
        });
        using var again = await restarted.SignInAsAdminAsync();
        using (var second = await again.PostAsJsonAsync($"/api/agents/chat/{conversation}/messages?stream=false", new { text = "And close?" }))
            Assert.Equal("And we close at five.", (await AgentRequests.ReadOkAsync(second)).GetProperty("text").GetString());

        // The model was given the whole chat: the prompt with the chat's variable, the greeting, the first exchange.
        var messages = llm.Requests[^1]["messages"]!.AsArray().Select(m => $"{m!["role"]}:{m["content"]}").ToList();
        Assert.Equal(["system:You help Ada.", "assistant:Hello!", "user:When do you open?", "assistant:We open at nine.", "user:And close?"], messages);
        var saved = await AgentRequests.ReadOkAsync(await again.GetAsync($"/api/agents/conversations/{conversation}"));
        Assert.Equal(["agent", "caller", "agent", "caller", "agent"], saved.GetProperty("turns").EnumerateArray().Select(t => t.GetProperty("role").GetString()));
    }
}
