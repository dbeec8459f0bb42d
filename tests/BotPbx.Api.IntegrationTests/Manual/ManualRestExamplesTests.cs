using System.Net.Http.Headers;
using BotPbx.Api.IntegrationTests.Telephony;

namespace BotPbx.Api.IntegrationTests.Manual;

/// <summary>
/// The product manual's "REST API Reference" (seed 003), sent as written: every request body of every endpoint that
/// exists today, with the manual's field names, signed in the manual's way (<c>token</c> from the login, then
/// <c>Authorization: Bearer</c>). The manual shows no body for some calls (<c>PUT /api/trunks/:id</c>,
/// <c>PUT /api/ivrs/:id</c>): they are sent with <c>{}</c>, which changes nothing. Placeholders are filled in: the
/// login uses this test's admin, and the IVR's <c>"flow": { ... }</c> is a flow the builder would save.
/// Endpoints the manual names that do not exist yet are listed in <see cref="NotBuiltYet"/>, and checked to answer 404.
/// </summary>
public sealed class ManualRestExamplesTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    /// <summary>Named in the manual's REST section, not built yet (call transcriptions).</summary>
    public static TheoryData<string, string> NotBuiltYet => new()
    {
        { "GET", "/api/calls/1/transcription" },
    };

    private async Task<HttpClient> SignInAsTheManualDoesAsync()
    {
        using var anonymous = fixture.Api.Anonymous();
        // {"email": "admin@example.com", "password": "xxx"} with this test's admin.
        using var login = await anonymous.PostAsync("/api/auth/login",
            Json($$"""{"email": "{{ApiFactory.AdminEmail}}", "password": "{{ApiFactory.AdminPassword}}"}"""));
        var body = await Ok(login);
        Assert.Equal(ApiFactory.AdminEmail, body.GetProperty("user").GetProperty("email").GetString());
        Assert.True(body.GetProperty("user").GetProperty("id").GetInt64() > 0);
        var client = fixture.Api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
        return client;
    }

    [Fact]
    public async Task Extensions_as_the_manual_creates_reads_renames_and_deletes_them()
    {
        using var api = await SignInAsTheManualDoesAsync();

        using var created = await api.PostAsync("/api/extensions",
            Json("""{"extension": "1001", "name": "John Smith", "secret": "password123", "email": "john@example.com"}"""));
        var answer = await Ok(created, HttpStatusCode.Created);
        var extension = answer.GetProperty("extension");
        var id = extension.GetProperty("id").GetInt64();
        Assert.Equal("1001", extension.GetProperty("number").GetString());
        Assert.Equal("password123", answer.GetProperty("secret").GetString());
        Assert.Matches("^[0-9]{6}$", answer.GetProperty("voicemailPin").GetString());

        Assert.Contains((await Ok(await api.GetAsync("/api/extensions"))).GetProperty("items").EnumerateArray(),
            e => e.GetProperty("id").GetInt64() == id);
        Assert.Equal("John Smith", (await Ok(await api.GetAsync($"/api/extensions/{id}"))).GetProperty("name").GetString());

        using var renamed = await api.PutAsync($"/api/extensions/{id}", Json("""{"name": "John D. Smith"}"""));
        var after = await Ok(renamed);
        Assert.Equal("John D. Smith", after.GetProperty("name").GetString());
        Assert.Equal("1001", after.GetProperty("number").GetString());
        Assert.Equal("john@example.com", after.GetProperty("email").GetString());

        using var deleted = await api.DeleteAsync($"/api/extensions/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Trunks_as_the_manual_creates_lists_updates_tests_and_deletes_them()
    {
        using var api = await SignInAsTheManualDoesAsync();
        using var connected = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await fixture.Ami.WaitForLoginsAsync(1, connected.Token);

        using var created = await api.PostAsync("/api/trunks",
            Json("""{"name": "Twilio", "host": "sip.twilio.com", "username": "user", "password": "pass"}"""));
        var trunk = await Ok(created, HttpStatusCode.Created);
        var id = trunk.GetProperty("id").GetInt64();
        Assert.True(trunk.GetProperty("hasPassword").GetBoolean());

        Assert.Contains((await Ok(await api.GetAsync("/api/trunks"))).GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetInt64() == id);
        var updated = await Ok(await api.PutAsync($"/api/trunks/{id}", Json("{}")));
        Assert.Equal("sip.twilio.com", updated.GetProperty("host").GetString());
        Assert.True(updated.GetProperty("hasPassword").GetBoolean());
        await Ok(await api.PostAsync($"/api/trunks/{id}/test", null));

        using var deleted = await api.DeleteAsync($"/api/trunks/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Ivrs_as_the_manual_creates_reads_saves_publishes_and_deletes_them()
    {
        using var api = await SignInAsTheManualDoesAsync();
        var flow = JsonSerializer.Serialize(Ivr.IvrFlowsForTests.Menu("Sales, please hold."));

        using var created = await api.PostAsync("/api/ivrs", Json($$"""{"name": "Main Menu", "flow": {{flow}}}"""));
        var id = (await Ok(created, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        Assert.Contains((await Ok(await api.GetAsync("/api/ivrs"))).GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
        Assert.Equal("Main Menu", (await Ok(await api.GetAsync($"/api/ivrs/{id}"))).GetProperty("name").GetString());
        var saved = await Ok(await api.PutAsync($"/api/ivrs/{id}", Json("{}")));
        Assert.Equal("Main Menu", saved.GetProperty("name").GetString());
        Assert.Equal(3, saved.GetProperty("flow").GetProperty("nodes").GetArrayLength());
        Assert.Equal(1, (await Ok(await api.PostAsync($"/api/ivrs/{id}/publish", null))).GetProperty("version").GetInt32());

        using var deleted = await api.DeleteAsync($"/api/ivrs/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Ai_agents_as_the_manual_creates_lists_reads_updates_and_deletes_them()
    {
        using var api = await SignInAsTheManualDoesAsync();

        using var created = await api.PostAsync("/api/agents", Json(
            """
            {"name": "Reception", "provider": "anthropic", "model": "claude-3-5-sonnet-20241022", "system_prompt": "You are...",
             "tts_engine": "elevenlabs", "tts_voice": "Rachel", "stt_engine": "deepgram"}
            """));
        var agent = await Ok(created, HttpStatusCode.Created);
        var id = agent.GetProperty("id").GetInt64();
        Assert.Equal("anthropic", agent.GetProperty("llmProvider").GetString());
        Assert.Contains((await Ok(await api.GetAsync("/api/agents"))).GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetInt64() == id);
        Assert.Equal("Rachel", (await Ok(await api.GetAsync($"/api/agents/{id}"))).GetProperty("ttsVoice").GetString());
        var updated = await Ok(await api.PutAsync($"/api/agents/{id}", Json("{}")));
        Assert.Equal("You are...", updated.GetProperty("systemPrompt").GetString());

        using var deleted = await api.DeleteAsync($"/api/agents/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task System_status_asterisk_status_and_reload_answer_as_the_manual_says()
    {
        using var api = await SignInAsTheManualDoesAsync();
        using var connected = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await fixture.Ami.WaitForLoginsAsync(1, connected.Token);

        await Ok(await api.GetAsync("/api/system/status"));
        Assert.Equal("connected", (await Ok(await api.GetAsync("/api/system/asterisk"))).GetProperty("ami").GetProperty("state").GetString());
        Assert.True((await Ok(await api.PostAsync("/api/system/asterisk/reload", null))).GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Live_channels_answer_as_the_manual_says()
    {
        using var api = await SignInAsTheManualDoesAsync();
        var channels = await Ok(await api.GetAsync("/api/system/channels"));
        Assert.Equal(JsonValueKind.Array, channels.GetProperty("channels").ValueKind);
        Assert.Equal(channels.GetProperty("channels").GetArrayLength(), channels.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Call_logs_and_originate_answer_as_the_manual_says()
    {
        using var api = await SignInAsTheManualDoesAsync();

        var list = await Ok(await api.GetAsync("/api/calls?start=2024-01-01&end=2024-01-31"));
        Assert.Equal(JsonValueKind.Array, list.GetProperty("items").ValueKind);
        Assert.Equal(0, list.GetProperty("total").GetInt64());
        // No such call (nothing was logged in this database) and so no recording: 404 problems.
        await Problem.ReadAsync(await api.GetAsync("/api/calls/1"), HttpStatusCode.NotFound, "not_found");
        await Problem.ReadAsync(await api.GetAsync("/api/calls/1/recording"), HttpStatusCode.NotFound, "not_found");
        // The manual's body: "from" must be the caller's own extension, and this admin has none.
        using var originate = await api.PostAsync("/api/calls/originate",
            Json("""{"from": "1001", "to": "+15551234567", "caller_id": "+15559999999", "timeout": 30}"""));
        var problem = await Problem.ReadAsync(originate, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("from", problem.Errors.Keys);
    }

    [Fact]
    public async Task Campaigns_as_the_manual_creates_fills_starts_pauses_stops_and_counts_them()
    {
        using var api = await SignInAsTheManualDoesAsync();
        using var trunkCreated = await api.PostAsync("/api/trunks", Json("""{"name": "Campaign carrier", "host": "sip.example.net"}"""));
        var trunkId = (await Ok(trunkCreated, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        using var extensionCreated = await api.PostAsync("/api/extensions", Json("""{"extension": "1301", "name": "Reminder desk"}"""));
        var deskId = (await Ok(extensionCreated, HttpStatusCode.Created)).GetProperty("extension").GetProperty("id").GetInt64();

        // The manual's body names agent_id 1: until the AI-agents feature lists agent 1, it is an unknown reference.
        var manual = $$$"""
            {"name": "Appointment Reminders", "trunk_id": {{{trunkId}}}, "caller_id": "+15551234567", "agent_id": 1,
             "schedule": {"start": "09:00", "end": "18:00", "days": ["mon", "tue", "wed", "thu", "fri"]}}
            """;
        var problem = await Problem.ReadAsync(await api.PostAsync("/api/campaigns", Json(manual)), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.Errors.ContainsKey("onAnswer.target"));

        using var created = await api.PostAsync("/api/campaigns", Json(manual.Replace("\"agent_id\": 1", $$"""
            "onAnswer": {"type": "extension", "target": "{{deskId}}"}
            """, StringComparison.Ordinal)));
        var campaign = await Ok(created, HttpStatusCode.Created);
        var id = campaign.GetProperty("id").GetInt64();
        Assert.Equal(trunkId, campaign.GetProperty("settings").GetProperty("trunkId").GetInt64());
        Assert.Equal("+15551234567", campaign.GetProperty("settings").GetProperty("callerId").GetString());
        Assert.Contains((await Ok(await api.GetAsync("/api/campaigns"))).EnumerateArray(), c => c.GetProperty("id").GetInt64() == id);

        var added = await Ok(await api.PostAsync($"/api/campaigns/{id}/contacts", Json("""
            [
              {"phone": "+15551234567", "variables": {"first_name": "John", "appointment_date": "January 15th"}},
              {"phone": "+15559876543", "variables": {"first_name": "Jane"}}
            ]
            """)));
        Assert.Equal(2, added.GetProperty("inserted").GetInt32());
        Assert.Equal("running", (await Ok(await api.PostAsync($"/api/campaigns/{id}/start", null))).GetProperty("status").GetString());
        Assert.Equal("paused", (await Ok(await api.PostAsync($"/api/campaigns/{id}/pause", null))).GetProperty("status").GetString());
        Assert.Equal("stopped", (await Ok(await api.PostAsync($"/api/campaigns/{id}/stop", null))).GetProperty("status").GetString());
        var stats = await Ok(await api.GetAsync($"/api/campaigns/{id}/stats"));
        foreach (var field in new[] { "total", "connected", "voicemail", "noAnswer", "busy", "failed", "conversionRate" })
            Assert.True(stats.TryGetProperty(field, out _), "stats should include " + field);
    }

    [Theory]
    [MemberData(nameof(NotBuiltYet))]
    public async Task Endpoints_the_manual_names_that_are_not_built_yet_answer_404(string method, string path)
    {
        // When one of these is built, this fails: move its request from NotBuiltYet into a test above.
        using var api = await SignInAsTheManualDoesAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method is "POST" or "PUT" ? Json("{}") : null };
        await Problem.ReadAsync(await api.SendAsync(request), HttpStatusCode.NotFound, "not_found");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected,
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}
