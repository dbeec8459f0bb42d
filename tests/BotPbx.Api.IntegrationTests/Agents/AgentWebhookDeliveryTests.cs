using System.Globalization;
using BotPbx.Voice.Agents;
using Microsoft.Extensions.DependencyInjection;

namespace BotPbx.Api.IntegrationTests.Agents;

/// <summary>
/// call.start, call.end and transfer webhooks: written to the outbox with the conversation, signed with HMAC-SHA256
/// over the timestamp and body, retried with growing waits, given up after the last try, every try recorded.
/// </summary>
public sealed class AgentWebhookDeliveryTests(AgentWebhooksFixture fixture) : IClassFixture<AgentWebhooksFixture>
{
    private ApiFactory Api => fixture.Api;

    private IConversationStore Store => Api.Services.GetRequiredService<IConversationStore>();

    private static async Task<(long Id, string Secret)> CreateAgentWithWebhookAsync(HttpClient admin, string url, params string[] events)
    {
        var created = await admin.CreateAgentAsync(new
        {
            name = AgentRequests.NewName(), llmProvider = "openai", model = "gpt-4o", systemPrompt = "p",
            webhooks = new[] { new { url, events } },
        });
        return (created.GetProperty("id").GetInt64(), created.GetProperty("webhooks")[0].GetProperty("secret").GetString()!);
    }

    private static ConversationStart Start(long agentId, string source = "call") =>
        new(agentId.ToString(CultureInfo.InvariantCulture), source, "PJSIP/trunk-00000001", "+15551230000", "+15559870000",
            new Dictionary<string, string> { ["caller_id"] = "+15551230000" }, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Call_start_transfer_and_call_end_reach_the_receiver_signed_in_order_after_retries()
    {
        await using var receiver = await LoopbackWebhookReceiver.StartAsync();
        using var admin = await Api.SignInAsAdminAsync();
        var (agentId, secret) = await CreateAgentWithWebhookAsync(admin, receiver.Url("/hooks/crm"), "call.start", "call.end", "transfer");
        // call.start fails twice before it is accepted.
        receiver.Answer(500, 503);

        var conversation = await Store.StartAsync(Start(agentId), CancellationToken.None);
        var first = await receiver.WaitForAsync(r => r.Any(x => x.Answered == 200), TimeSpan.FromSeconds(20));
        await Store.AddTurnAsync(conversation, new ConversationTurn(0, "caller", "Sales please", DateTimeOffset.UtcNow), CancellationToken.None);
        await Store.AddTurnAsync(conversation, new ConversationTurn(1, "tool", "", DateTimeOffset.UtcNow, "transfer", """{"target":"Sales"}""", "ok"),
            CancellationToken.None);
        await Store.EndAsync(conversation, new ConversationEnd("transferred", DateTimeOffset.UtcNow, "queue 600"), CancellationToken.None);
        var all = await receiver.WaitForAsync(r => r.Count(x => x.Answered == 200) >= 3, TimeSpan.FromSeconds(20));

        Assert.Equal([500, 503, 200], first.Select(r => r.Answered).Take(3));
        var accepted = all.Where(r => r.Answered == 200).ToList();
        Assert.Equal(["call.start", "transfer", "call.end"], accepted.Select(r => r.Headers[WebhookSignature.EventHeader]));
        foreach (var request in all)
        {
            Assert.Equal("/hooks/crm", request.Path);
            Assert.True(WebhookSignature.Verify(secret, request.Headers[WebhookSignature.HeaderName], request.Bytes, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
                $"signature of {request.Body}");
            Assert.False(WebhookSignature.Verify("wrong-secret", request.Headers[WebhookSignature.HeaderName], request.Bytes, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        }
        // Retries send the very same bytes.
        Assert.Single(all.Take(3).Select(r => r.Body).Distinct());
        // The waits grow: ~0.3 s then ~0.6 s (±20%).
        var gaps = all.Take(3).Zip(all.Skip(1).Take(2), (a, b) => (b.At - a.At).TotalMilliseconds).ToList();
        Assert.True(gaps[1] > gaps[0], $"back-off did not grow: {string.Join(", ", gaps)}");

        using var body = JsonDocument.Parse(accepted[2].Body);
        Assert.Equal("call.end", body.RootElement.GetProperty("event").GetString());
        Assert.Equal(agentId.ToString(CultureInfo.InvariantCulture), body.RootElement.GetProperty("agentId").GetString());
        Assert.Equal(conversation, body.RootElement.GetProperty("conversationId").GetInt64());
        Assert.Equal("transferred", body.RootElement.GetProperty("data").GetProperty("outcome").GetString());
        using var start = JsonDocument.Parse(accepted[0].Body);
        Assert.Equal("+15551230000", start.RootElement.GetProperty("data").GetProperty("callerId").GetString());

        var deliveries = await AgentRequests.ReadOkAsync(await admin.GetAsync($"/api/agents/{agentId}/webhook-deliveries"));
        var startDelivery = deliveries.EnumerateArray().Single(d => d.GetProperty("event").GetString() == "call.start");
        Assert.Equal("delivered", startDelivery.GetProperty("status").GetString());
        Assert.Equal(3, startDelivery.GetProperty("attempts").GetInt32());
        Assert.Equal([500, 503, 200], startDelivery.GetProperty("attemptLog").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));
    }

    [Fact]
    public async Task A_delivery_is_given_up_after_the_last_try_and_says_why()
    {
        await using var receiver = await LoopbackWebhookReceiver.StartAsync();
        receiver.Always = 502;
        using var admin = await Api.SignInAsAdminAsync();
        var (agentId, _) = await CreateAgentWithWebhookAsync(admin, receiver.Url("/down"), "call.start");

        await Store.StartAsync(Start(agentId), CancellationToken.None);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        JsonElement delivery;
        do
        {
            await Task.Delay(100);
            delivery = (await AgentRequests.ReadOkAsync(await admin.GetAsync($"/api/agents/{agentId}/webhook-deliveries")))[0];
        }
        while (delivery.GetProperty("status").GetString() == "pending" && DateTimeOffset.UtcNow < deadline);

        Assert.True("failed" == delivery.GetProperty("status").GetString(), string.Join("\n", Api.Logs.Messages.Where(m => m.Contains("ebhook", StringComparison.Ordinal))) + delivery.GetRawText());
        Assert.Equal(AgentWebhooksFixture.MaxAttempts, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal("HTTP 502", delivery.GetProperty("lastError").GetString());
        Assert.Equal(AgentWebhooksFixture.MaxAttempts, receiver.Requests.Count);
    }

    [Fact]
    public async Task An_unreachable_receiver_is_recorded_as_a_connection_error_and_a_try_it_chat_sends_nothing()
    {
        using var admin = await Api.SignInAsAdminAsync();
        // Port 9 (discard) on loopback: nothing listens, the connection is refused.
        var (agentId, _) = await CreateAgentWithWebhookAsync(admin, "http://127.0.0.1:9/hook", "call.start");
        await Store.StartAsync(Start(agentId), CancellationToken.None);
        await Store.StartAsync(Start(agentId, source: "chat"), CancellationToken.None);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        JsonElement deliveries;
        do
        {
            await Task.Delay(100);
            deliveries = await AgentRequests.ReadOkAsync(await admin.GetAsync($"/api/agents/{agentId}/webhook-deliveries"));
        }
        while ((deliveries.GetArrayLength() == 0 || deliveries[0].GetProperty("attempts").GetInt32() == 0) && DateTimeOffset.UtcNow < deadline);

        Assert.Equal(1, deliveries.GetArrayLength());
        var attempt = deliveries[0].GetProperty("attemptLog")[0];
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("statusCode").ValueKind);
        Assert.Equal("ConnectionError", attempt.GetProperty("error").GetString());
    }
}
