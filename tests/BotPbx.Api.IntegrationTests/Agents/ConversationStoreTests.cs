using System.Collections.Concurrent;
using System.Globalization;
using BotPbx.Voice.Agents;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BotPbx.Api.IntegrationTests.Agents;

/// <summary>Conversations as the pipeline saves them, read back by the pages: turns, tool calls, the waterfall, metrics; and the listeners told.</summary>
public sealed class ConversationStoreTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiFactory Api => fixture.Api;

    private sealed class RecordingListener : IConversationListener
    {
        public ConcurrentQueue<string> Events { get; } = new();

        public void OnStarted(long conversationId, ConversationStart start) => Events.Enqueue($"started {conversationId} {start.AgentId}");

        public void OnTurn(long conversationId, string agentId, ConversationTurn turn) => Events.Enqueue($"turn {conversationId} {agentId} {turn.Index}");

        public void OnEnded(long conversationId, string agentId, ConversationEnd outcome) => Events.Enqueue($"ended {conversationId} {agentId} {outcome.Outcome}");
    }

    private sealed class BrokenListener : IConversationListener
    {
        public void OnStarted(long conversationId, ConversationStart start) => throw new InvalidOperationException("broken listener");

        public void OnTurn(long conversationId, string agentId, ConversationTurn turn) => throw new InvalidOperationException("broken listener");

        public void OnEnded(long conversationId, string agentId, ConversationEnd outcome) => throw new InvalidOperationException("broken listener");
    }

    [Fact]
    public async Task Every_registered_listener_is_told_after_saving_even_when_another_one_throws()
    {
        var listener = new RecordingListener();
        await using var withListeners = Api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<IConversationListener, BrokenListener>();
            s.AddSingleton<IConversationListener>(listener);
        }));
        using var admin = await Api.SignInAsAdminAsync();
        var agentId = await admin.CreateAgentIdAsync();
        var agent = agentId.ToString(CultureInfo.InvariantCulture);
        var store = withListeners.Services.GetRequiredService<IConversationStore>();

        var id = await store.StartAsync(new ConversationStart(agent, "call", "PJSIP/a-1", "1001", null, new Dictionary<string, string>(), DateTimeOffset.UtcNow),
            CancellationToken.None);
        await store.AddTurnAsync(id, new ConversationTurn(0, "agent", "Hello!", DateTimeOffset.UtcNow), CancellationToken.None);
        await store.EndAsync(id, new ConversationEnd("completed", DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.Equal([$"started {id} {agent}", $"turn {id} {agent} 0", $"ended {id} {agent} completed"], listener.Events);
        var saved = await AgentRequests.ReadOkAsync(await admin.GetAsync($"/api/agents/conversations/{id}"));
        Assert.Equal("completed", saved.GetProperty("conversation").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_conversation_is_read_back_with_its_tool_calls_and_each_turns_waterfall()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var agentId = await admin.CreateAgentIdAsync();
        var store = Api.Services.GetRequiredService<IConversationStore>();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-1);
        var id = await store.StartAsync(new ConversationStart(agentId.ToString(CultureInfo.InvariantCulture), "call", "PJSIP/trunk-9", "+15551230000",
            "+15559870000", new Dictionary<string, string> { ["customer"] = "Ada" }, t0), CancellationToken.None);
        await store.AddTurnAsync(id, new ConversationTurn(0, "caller", "I need sales", t0.AddSeconds(2)), CancellationToken.None);
        var end = t0.AddSeconds(3);
        await store.AddTurnAsync(id, new ConversationTurn(1, "agent", "Transferring you.", end.AddMilliseconds(900), Timings: new TurnTimings(end,
            end.AddMilliseconds(120), end.AddMilliseconds(480), end.AddMilliseconds(610), end.AddMilliseconds(625))), CancellationToken.None);
        await store.AddTurnAsync(id, new ConversationTurn(2, "tool", "", end.AddSeconds(1), "transfer", """{"target":"Sales"}""", "ringing"), CancellationToken.None);
        await store.EndAsync(id, new ConversationEnd("transferred", t0.AddSeconds(10), "queue 600"), CancellationToken.None);

        var read = await AgentRequests.ReadOkAsync(await admin.GetAsync($"/api/agents/conversations/{id}"));
        var conversation = read.GetProperty("conversation");
        Assert.Equal(3, conversation.GetProperty("turns").GetInt32());
        Assert.Equal("queue 600", conversation.GetProperty("transferredTo").GetString());
        Assert.Equal("Ada", read.GetProperty("variables").GetProperty("customer").GetString());
        var timings = read.GetProperty("turns")[1].GetProperty("timings");
        Assert.Equal((120.0, 480.0, 610.0, 625.0), (timings.GetProperty("sttFinalMs").GetDouble(), timings.GetProperty("llmFirstTokenMs").GetDouble(),
            timings.GetProperty("ttsFirstAudioMs").GetDouble(), timings.GetProperty("firstFrameSentMs").GetDouble()));
        var tool = read.GetProperty("turns")[2];
        Assert.Equal(("transfer", """{"target":"Sales"}""", "ringing"),
            (tool.GetProperty("toolName").GetString(), tool.GetProperty("toolArguments").GetString(), tool.GetProperty("toolResult").GetString()));
        Assert.Equal(JsonValueKind.Null, tool.GetProperty("timings").ValueKind);

        var list = await AgentRequests.ReadOkAsync(await admin.GetAsync($"/api/agents/conversations?agentId={agentId}"));
        Assert.Equal(id, list.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task An_agents_metrics_are_its_average_handle_time_transfer_rate_and_resolution_rate()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var agentId = await admin.CreateAgentIdAsync();
        var agent = agentId.ToString(CultureInfo.InvariantCulture);
        var store = Api.Services.GetRequiredService<IConversationStore>();
        var t0 = DateTimeOffset.UtcNow.AddHours(-1);
        async Task CallAsync(string outcome, int seconds, string source = "call")
        {
            var id = await store.StartAsync(new ConversationStart(agent, source, null, null, null, new Dictionary<string, string>(), t0), CancellationToken.None);
            var end = t0.AddSeconds(1);
            await store.AddTurnAsync(id, new ConversationTurn(0, "agent", "Hi", end, Timings: new TurnTimings(end, end.AddMilliseconds(100 * seconds), null, null, null)),
                CancellationToken.None);
            await store.EndAsync(id, new ConversationEnd(outcome, t0.AddSeconds(seconds)), CancellationToken.None);
        }
        await CallAsync("completed", 60);
        await CallAsync("completed", 120);
        await CallAsync("transferred", 30);
        await CallAsync("caller-hung-up", 30);
        await CallAsync("transferred", 999, source: "chat"); // try-it chats are not calls

        var metrics = await AgentRequests.ReadOkAsync(await admin.GetAsync($"/api/agents/{agentId}/metrics"));
        Assert.Equal(4, metrics.GetProperty("conversations").GetInt64());
        Assert.Equal(60.0, metrics.GetProperty("averageHandleTimeSeconds").GetDouble(), 3);
        Assert.Equal(0.25, metrics.GetProperty("transferRate").GetDouble(), 3);
        Assert.Equal(0.5, metrics.GetProperty("resolutionRate").GetDouble(), 3);
        Assert.Equal(2, metrics.GetProperty("outcomes").GetProperty("completed").GetInt64());
        var latency = metrics.GetProperty("latency");
        Assert.Equal(4, latency.GetProperty("turns").GetInt64());
        Assert.Equal(4500.0, latency.GetProperty("sttFinalP50").GetDouble(), 1);
        Assert.Equal(JsonValueKind.Null, latency.GetProperty("llmFirstTokenP50").ValueKind);
    }
}
