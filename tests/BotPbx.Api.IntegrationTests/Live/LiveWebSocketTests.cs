using System.Net.WebSockets;
using BotPbx.Api.Features.Live;
using Microsoft.Extensions.DependencyInjection;

namespace BotPbx.Api.IntegrationTests.Live;

/// <summary>Seed 003's "WebSocket Events" protocol on /ws, against the API with a scripted Asterisk pushing AMI events.</summary>
public sealed class LiveWebSocketTests(LiveFixture fixture) : IClassFixture<LiveFixture>
{
    private async Task<string> AdminTokenAsync() => (await fixture.Api.LoginAsync(ApiFactory.AdminEmail, ApiFactory.AdminPassword)).Token;

    private LiveFeed Feed => fixture.Api.Services.GetRequiredService<LiveFeed>();

    /// <summary>Creates extensions through the API, then makes the feed read them now rather than at its next refresh.</summary>
    private async Task CreateExtensionsAsync(long? userId, params string[] numbers)
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        foreach (var number in numbers)
        {
            using var created = await admin.PostAsJsonAsync("/api/extensions", new { extension = number, name = "Desk " + number, userId });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        await ResyncAsync();
        Assert.All(numbers, n => Assert.True(Feed.Model.Directory.Extensions.ContainsKey(n)));
    }

    private async Task ResyncAsync()
    {
        using var connected = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await fixture.Ami.WaitForLoginsAsync(1, connected.Token);
        var before = Feed.Resyncs;
        Feed.RequestResync();
        while (Feed.Resyncs == before) await Task.Delay(20, connected.Token);
    }

    [Fact]
    public async Task A_client_that_does_not_authenticate_first_is_closed_with_the_reason()
    {
        await using var ws = await WsClient.ConnectAsync(fixture.Api);
        await ws.SendAsync("""{"type":"subscribe","events":["call.*"]}""");
        var (status, reason) = await ws.ClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Contains("authentication required", reason);
    }

    [Fact]
    public async Task A_token_that_is_not_a_session_of_BotPBX_is_refused()
    {
        await using var ws = await WsClient.ConnectAsync(fixture.Api);
        await ws.SendAsync("""{"type":"auth","token":"eyJhbGciOiJIUzI1NiIs.forged"}""");
        var (status, reason) = await ws.ClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Contains("authentication failed", reason);
    }

    [Fact]
    public async Task A_logged_out_token_is_refused()
    {
        var token = await AdminTokenAsync();
        using (var client = fixture.Api.Anonymous())
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var logout = await client.PostAsync("/api/auth/logout", null);
            Assert.True(logout.IsSuccessStatusCode, logout.StatusCode.ToString());
        }
        await using var ws = await WsClient.ConnectAsync(fixture.Api);
        await ws.SendAsync($$"""{"type":"auth","token":"{{token}}"}""");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, (await ws.ClosedAsync()).Status);
    }

    [Fact]
    public async Task Text_that_is_not_a_JSON_object_and_binary_frames_are_refused()
    {
        await using (var ws = await WsClient.ConnectAsync(fixture.Api))
        {
            await ws.SendAsync("hello");
            var (status, reason) = await ws.ClosedAsync();
            Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, status);
            Assert.Contains("JSON object", reason);
        }
        await using (var ws = await WsClient.ConnectAsync(fixture.Api))
        {
            await ws.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
            Assert.Equal(WebSocketCloseStatus.InvalidMessageType, (await ws.ClosedAsync()).Status);
        }
    }

    [Fact]
    public async Task Unknown_message_types_and_bad_patterns_after_auth_are_refused()
    {
        var token = await AdminTokenAsync();
        await using (var ws = await (await WsClient.ConnectAsync(fixture.Api)).AuthenticateAsync(token))
        {
            await ws.SendAsync("""{"type":"listen"}""");
            var (status, reason) = await ws.ClosedAsync();
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
            Assert.Contains("unknown message type \"listen\"", reason);
        }
        await using (var ws = await (await WsClient.ConnectAsync(fixture.Api)).AuthenticateAsync(token))
        {
            await ws.SendAsync("""{"type":"subscribe","events":"call.*"}""");
            Assert.Contains("invalid subscribe", (await ws.ClosedAsync()).Reason);
        }
    }

    [Fact]
    public async Task A_client_subscribed_to_call_events_sees_new_answer_and_end_with_the_manuals_fields()
    {
        await CreateExtensionsAsync(null, "2101", "2102");
        await using var ws = await (await WsClient.ConnectAsync(fixture.Api)).AuthenticateAsync(await AdminTokenAsync());
        await ws.SendAsync("""{"type":"subscribe","events":["call.*"]}""");
        var subscribed = await ws.NextAsync();
        Assert.Equal("subscribed", subscribed.GetProperty("type").GetString());
        Assert.Equal(["call.*"], subscribed.GetProperty("events").EnumerateArray().Select(e => e.GetString()));

        await fixture.PushAsync(LiveFixture.Hint("2102", 8, "Ringing"));
        await fixture.PushAsync(LiveFixture.Newchannel("PJSIP/2101-00000001", "900.1", "900.1", "Ring", "2101", "2102"));
        await fixture.PushAsync(LiveFixture.Newchannel("PJSIP/2102-00000002", "900.2", "900.1", "Down", "2102", "s"));
        await fixture.PushAsync(LiveFixture.Dial("DialBegin", "900.1", "900.2", "900.1", ""));
        await fixture.PushAsync(LiveFixture.Dial("DialEnd", "900.1", "900.2", "900.1", "ANSWER"));
        await fixture.PushAsync(LiveFixture.Hangup("PJSIP/2102-00000002", "900.2", "900.1"));
        await fixture.PushAsync(LiveFixture.Hangup("PJSIP/2101-00000001", "900.1", "900.1"));

        var started = await ws.NextAsync();
        Assert.Equal("call.new", started.GetProperty("event").GetString());
        var data = started.GetProperty("data");
        Assert.Equal("900.1", data.GetProperty("call_id").GetString());
        Assert.Equal("2101", data.GetProperty("from").GetString());
        Assert.Equal("2102", data.GetProperty("to").GetString());
        Assert.Equal("internal", data.GetProperty("direction").GetString());
        Assert.True(data.GetProperty("timestamp").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));

        var answered = await ws.NextAsync();
        Assert.Equal("call.answer", answered.GetProperty("event").GetString());
        Assert.Equal("2102", answered.GetProperty("data").GetProperty("answered_by").GetString());

        var ended = await ws.NextAsync();
        Assert.Equal("call.end", ended.GetProperty("event").GetString());
        Assert.Equal("900.1", ended.GetProperty("data").GetProperty("call_id").GetString());
        Assert.Equal("ANSWERED", ended.GetProperty("data").GetProperty("disposition").GetString());
        Assert.True(ended.GetProperty("data").GetProperty("duration").GetInt32() >= 0);
        // Subscribed to call.* only: the ringing extension was not sent.
        Assert.DoesNotContain(await ws.DrainAsync(TimeSpan.FromMilliseconds(300)), m => m.GetProperty("event").GetString() == "extension.status");
    }

    [Fact]
    public async Task An_extension_pattern_delivers_that_extensions_status_and_calls_only()
    {
        await CreateExtensionsAsync(null, "2201", "2202");
        await using var ws = await (await WsClient.ConnectAsync(fixture.Api)).AuthenticateAsync(await AdminTokenAsync());
        await ws.SendAsync("""{"type":"subscribe","events":["extension.2201.*"]}""");
        await ws.NextAsync();

        await fixture.PushAsync(LiveFixture.Hint("2202", 8, "Ringing"));
        await fixture.PushAsync(LiveFixture.Hint("2201", 1, "InUse"));
        var status = await ws.NextEventAsync("extension.status");
        Assert.Equal("2201", status.GetProperty("extension").GetString());
        Assert.Equal("busy", status.GetProperty("status").GetString());
        Assert.Equal("unavailable", status.GetProperty("previous").GetString());

        await fixture.PushAsync(LiveFixture.Newchannel("PJSIP/2202-00000003", "901.1", "901.1", "Ring", "2202", "0155"));
        await fixture.PushAsync(LiveFixture.Newchannel("PJSIP/2201-00000004", "902.1", "902.1", "Ring", "2201", "2202"));
        var started = await ws.NextEventAsync("call.new");
        Assert.Equal("902.1", started.GetProperty("call_id").GetString());
        await fixture.PushAsync(LiveFixture.Hangup("PJSIP/2202-00000003", "901.1", "901.1"));
        await fixture.PushAsync(LiveFixture.Hangup("PJSIP/2201-00000004", "902.1", "902.1"));
        Assert.Equal("902.1", (await ws.NextEventAsync("call.end")).GetProperty("call_id").GetString());
    }

    [Fact]
    public async Task An_agent_sees_the_calls_of_its_own_extension_and_everyones_presence_but_not_other_calls()
    {
        var (agentClient, agentUser) = await fixture.Api.CreateSignedInUserAsync("agent");
        agentClient.Dispose();
        await CreateExtensionsAsync(agentUser.Id, "2301");
        await CreateExtensionsAsync(null, "2302", "2303");
        var agentToken = (await fixture.Api.LoginAsync(agentUser.Email, "a-long-enough-password")).Token;
        await using var ws = await WsClient.ConnectAsync(fixture.Api);
        await ws.SendAsync($$"""{"type":"auth","token":"{{agentToken}}"}""");
        var ok = await ws.NextAsync();
        Assert.Equal("agent", ok.GetProperty("user").GetProperty("role").GetString());
        Assert.Equal(["2301"], ok.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));

        await fixture.PushAsync(LiveFixture.Newchannel("PJSIP/2302-00000005", "903.1", "903.1", "Ring", "2302", "2303"));
        await fixture.PushAsync(LiveFixture.Newchannel("PJSIP/2303-00000006", "903.2", "903.1", "Down", "2303", "s"));
        await fixture.PushAsync(LiveFixture.Hint("2303", 8, "Ringing"));
        await fixture.PushAsync(LiveFixture.Newchannel("PJSIP/2301-00000007", "904.1", "904.1", "Ring", "2301", "2302"));

        var seen = new List<JsonElement>();
        while (!seen.Any(m => m.GetProperty("event").GetString() == "call.new")) seen.Add(await ws.NextAsync());
        seen.AddRange(await ws.DrainAsync(TimeSpan.FromMilliseconds(500)));
        var calls = seen.Where(m => m.GetProperty("event").GetString()!.StartsWith("call.", StringComparison.Ordinal)).ToList();
        Assert.All(calls, c => Assert.Equal("904.1", c.GetProperty("data").GetProperty("call_id").GetString()));
        Assert.Contains(seen, m => m.GetProperty("event").GetString() == "extension.status" && m.GetProperty("data").GetProperty("extension").GetString() == "2303");

        using var agentHttp = await fixture.Api.SignInAsync(agentUser.Email, "a-long-enough-password");
        var live = await agentHttp.GetFromJsonAsync<JsonElement>("/api/live/calls");
        Assert.Equal(["904.1"], live.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("callId").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await agentHttp.GetAsync("/api/system/channels")).StatusCode);

        foreach (var (channel, id, linked) in new[] { ("PJSIP/2302-00000005", "903.1", "903.1"), ("PJSIP/2303-00000006", "903.2", "903.1"), ("PJSIP/2301-00000007", "904.1", "904.1") })
            await fixture.PushAsync(LiveFixture.Hangup(channel, id, linked));
    }

    [Fact]
    public async Task After_AMI_reconnects_the_model_matches_what_Asterisk_lists_and_clients_are_told()
    {
        await CreateExtensionsAsync(null, "2401", "2402");
        await using var ws = await (await WsClient.ConnectAsync(fixture.Api)).AuthenticateAsync(await AdminTokenAsync());
        await ws.SendAsync("""{"type":"subscribe","events":["extension.2401.*"]}""");
        await ws.NextAsync();

        // A call began while BotPBX could not hear Asterisk: only the lists know it.
        fixture.Channels["905.1"] = LiveFixture.CoreShowChannel("PJSIP/2401-00000008", "905.1", "905.1", "2401", "2402");
        fixture.Channels["905.2"] = LiveFixture.CoreShowChannel("PJSIP/2402-00000009", "905.2", "905.1", "2402", "");
        var logins = fixture.Ami.LoginCount;
        await fixture.Ami.DropConnectionsAsync();
        var started = await ws.NextEventAsync("call.new", 20);
        Assert.Equal("905.1", started.GetProperty("call_id").GetString());
        Assert.Equal("2401", started.GetProperty("from").GetString());
        Assert.True(fixture.Ami.LoginCount > logins);

        using var admin = await fixture.Api.SignInAsAdminAsync();
        var channels = await admin.GetFromJsonAsync<JsonElement>("/api/system/channels");
        var listed = channels.GetProperty("channels").EnumerateArray().Where(c => c.GetProperty("callId").GetString() == "905.1").ToList();
        Assert.Equal(2, listed.Count);
        Assert.Equal("PJSIP/2401-00000008", listed[0].GetProperty("channel").GetString());
        Assert.True(listed[0].GetProperty("durationSeconds").GetInt32() >= 7);
        Assert.True(channels.GetProperty("connected").GetBoolean());

        // It ended while the connection was down again.
        fixture.Channels.Clear();
        await fixture.Ami.DropConnectionsAsync();
        var ended = await ws.NextEventAsync("call.end", 20);
        Assert.Equal("905.1", ended.GetProperty("call_id").GetString());
    }

    [Fact]
    public async Task Other_features_publish_onto_the_same_feed()
    {
        await using var ws = await (await WsClient.ConnectAsync(fixture.Api)).AuthenticateAsync(await AdminTokenAsync());
        await ws.SendAsync("""{"type":"subscribe","events":["agent.*"]}""");
        await ws.NextAsync();
        var listener = fixture.Api.Services.GetServices<BotPbx.Voice.Agents.IConversationListener>().OfType<LiveConversationListener>().Single();
        listener.OnStarted(77, new BotPbx.Voice.Agents.ConversationStart("reception", "chat", null, null, null, new Dictionary<string, string>(), DateTimeOffset.UtcNow));
        listener.OnTurn(77, "reception", new BotPbx.Voice.Agents.ConversationTurn(2, "caller", "I need to speak with sales", DateTimeOffset.UtcNow));
        listener.OnTurn(77, "reception", new BotPbx.Voice.Agents.ConversationTurn(3, "agent", "Of course, I'll transfer you to our sales team.", DateTimeOffset.UtcNow));

        var data = await ws.NextEventAsync("agent.conversation");
        Assert.Equal("reception", data.GetProperty("agent").GetString());
        Assert.Equal(3, data.GetProperty("turn").GetInt32());
        Assert.Equal("I need to speak with sales", data.GetProperty("user_text").GetString());
        Assert.Equal("Of course, I'll transfer you to our sales team.", data.GetProperty("agent_text").GetString());
        Assert.Equal("77", data.GetProperty("call_id").GetString());
    }
}
