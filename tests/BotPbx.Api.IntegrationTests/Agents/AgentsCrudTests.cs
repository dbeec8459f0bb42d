using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Headers;
using BotPbx.Api.IntegrationTests.Telephony;

namespace BotPbx.Api.IntegrationTests.Agents;

/// <summary>/api/agents: seed 003's REST example, every field of the form, partial updates, write-only secrets, roles.</summary>
public sealed class AgentsCrudTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private ApiFactory Api => fixture.Api;

    private static object Full(string name, string extension) => new
    {
        name, description = "Routes callers to departments",
        llmProvider = "anthropic", model = "claude-3-5-sonnet-20241022", temperature = 0.4, maxTokens = 512,
        systemPrompt = "You are a friendly receptionist for Acme Corp.", greeting = "Acme, good morning!",
        ttsEngine = "elevenlabs", ttsVoice = "Rachel", ttsSpeed = 1.1,
        sttEngine = "deepgram", sttLanguage = "en-US", sttModel = "nova-2",
        maxTurns = 20, silenceTimeoutSeconds = 5, endCallPhrases = new[] { "goodbye", "bye", "hang up" },
        contexts = new[] { new { name = "sales", greeting = "Sales, how can I help?", prompt = "You sell widgets." } },
        functions = new[]
        {
            new
            {
                name = "lookup_customer", description = "Look up customer by phone number",
                parameters = new { type = "object", properties = new { phone = new { type = "string" } }, required = new[] { "phone" } },
                url = "https://crm.example.com/lookup",
            },
        },
        webhooks = new[] { new { url = "https://crm.example.com/call-log", events = new[] { "call.start", "call.end" } } },
        transferTargets = new[] { new { name = "Support", kind = "extension", number = extension, description = "Technical support", warm = true } },
    };

    [Fact]
    public async Task The_manuals_create_example_makes_an_agent_with_the_offline_defaults_for_what_it_leaves_out()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var name = AgentRequests.NewName("Reception");
        using var created = await admin.PostAsync("/api/agents", new StringContent(
            $$"""
            {"name": "{{name}}", "provider": "anthropic", "model": "claude-3-5-sonnet-20241022", "system_prompt": "You are...",
             "tts_engine": "elevenlabs", "tts_voice": "Rachel", "stt_engine": "deepgram"}
            """, System.Text.Encoding.UTF8, "application/json"));
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        var agent = JsonDocument.Parse(text).RootElement;
        var id = agent.GetProperty("id").GetInt64();
        Assert.Equal($"/api/agents/{id}", created.Headers.Location?.ToString());
        Assert.Equal("anthropic", agent.GetProperty("llmProvider").GetString());
        Assert.Equal("You are...", agent.GetProperty("systemPrompt").GetString());
        Assert.Equal("elevenlabs", agent.GetProperty("ttsEngine").GetString());
        Assert.Equal("Rachel", agent.GetProperty("ttsVoice").GetString());
        Assert.Equal("deepgram", agent.GetProperty("sttEngine").GetString());
        Assert.Equal("en-US", agent.GetProperty("sttLanguage").GetString());
        Assert.Equal(20, agent.GetProperty("maxTurns").GetInt32());

        var listed = await AgentRequests.ReadOkAsync(await admin.GetAsync("/api/agents?search=" + Uri.EscapeDataString(name)));
        Assert.Equal(1, listed.GetProperty("total").GetInt64());
        Assert.Equal(id, listed.GetProperty("items")[0].GetProperty("id").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/agents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/agents/{id}")).StatusCode);
    }

    [Fact]
    public async Task Every_field_of_the_form_is_saved_and_read_back()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (_, extension, _) = await admin.CreateExtensionAsync();
        var name = AgentRequests.NewName();
        var created = await admin.CreateAgentAsync(Full(name, extension));
        var read = await AgentRequests.ReadOkAsync(await admin.GetAsync($"/api/agents/{created.GetProperty("id").GetInt64()}"));

        Assert.Equal(name, read.GetProperty("name").GetString());
        Assert.Equal("Routes callers to departments", read.GetProperty("description").GetString());
        Assert.Equal(0.4, read.GetProperty("temperature").GetDouble());
        Assert.Equal(512, read.GetProperty("maxTokens").GetInt32());
        Assert.Equal("Acme, good morning!", read.GetProperty("greeting").GetString());
        Assert.Equal(1.1, read.GetProperty("ttsSpeed").GetDouble());
        Assert.Equal("nova-2", read.GetProperty("sttModel").GetString());
        Assert.Equal(5, read.GetProperty("silenceTimeoutSeconds").GetInt32());
        Assert.Equal(["goodbye", "bye", "hang up"], read.GetProperty("endCallPhrases").EnumerateArray().Select(e => e.GetString()));
        var context = read.GetProperty("contexts")[0];
        Assert.Equal(("sales", "Sales, how can I help?", "You sell widgets."),
            (context.GetProperty("name").GetString(), context.GetProperty("greeting").GetString(), context.GetProperty("prompt").GetString()));
        var function = read.GetProperty("functions")[0];
        Assert.Equal("lookup_customer", function.GetProperty("name").GetString());
        Assert.Equal("phone", function.GetProperty("parameters").GetProperty("required")[0].GetString());
        Assert.Equal("https://crm.example.com/lookup", function.GetProperty("url").GetString());
        var webhook = read.GetProperty("webhooks")[0];
        Assert.Equal(["call.start", "call.end"], webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        var target = read.GetProperty("transferTargets")[0];
        Assert.Equal(("Support", "extension", extension, true),
            (target.GetProperty("name").GetString(), target.GetProperty("kind").GetString(), target.GetProperty("number").GetString(),
             target.GetProperty("warm").GetBoolean()));
    }

    [Fact]
    public async Task Secrets_are_generated_shown_once_on_the_write_that_made_them_and_kept_across_updates()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (_, extension, _) = await admin.CreateExtensionAsync();
        var created = await admin.CreateAgentAsync(Full(AgentRequests.NewName(), extension));
        var id = created.GetProperty("id").GetInt64();
        var functionSecret = created.GetProperty("functions")[0].GetProperty("secret").GetString()!;
        var webhookSecret = created.GetProperty("webhooks")[0].GetProperty("secret").GetString()!;
        Assert.Matches("^bpx_[0-9a-f]{64}$", functionSecret);
        Assert.NotEqual(functionSecret, webhookSecret);

        var get = await admin.GetStringAsync($"/api/agents/{id}");
        var list = await admin.GetStringAsync("/api/agents?limit=500");
        foreach (var body in new[] { get, list })
        {
            Assert.DoesNotContain(functionSecret, body, StringComparison.Ordinal);
            Assert.DoesNotContain(webhookSecret, body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"secret\"", body, StringComparison.Ordinal);
        }
        Assert.True(JsonDocument.Parse(get).RootElement.GetProperty("webhooks")[0].GetProperty("hasSecret").GetBoolean());

        // A partial update that leaves the lists out, then one that sends the webhook back with its id: same secrets.
        var renamed = await admin.PutJsonAsync($"/api/agents/{id}", new { description = "changed" });
        Assert.False(renamed.GetProperty("webhooks")[0].TryGetProperty("secret", out _));
        var webhookId = renamed.GetProperty("webhooks")[0].GetProperty("id").GetInt64();
        var resent = await admin.PutJsonAsync($"/api/agents/{id}", new
        {
            webhooks = new object[]
            {
                new { id = webhookId, url = "https://crm.example.com/v2/call-log", events = new[] { "call.end" } },
                new { url = "https://other.example.com/hook", events = new[] { "transfer" } },
            },
        });
        Assert.Equal(webhookId, resent.GetProperty("webhooks")[0].GetProperty("id").GetInt64());
        Assert.False(resent.GetProperty("webhooks")[0].TryGetProperty("secret", out _));
        Assert.Matches("^bpx_", resent.GetProperty("webhooks")[1].GetProperty("secret").GetString());

        var catalog = Api.Services.GetRequiredService<BotPbx.Voice.Agents.IAgentCatalog>();
        var definition = await catalog.FindAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, CancellationToken.None);
        Assert.Equal(webhookSecret, definition!.Webhooks[0].Secret);
        Assert.Equal(functionSecret, definition.Functions[0].Secret);

        using var rotated = await admin.PostAsync($"/api/agents/{id}/webhooks/{webhookId}/secret", null);
        var newSecret = (await AgentRequests.ReadOkAsync(rotated)).GetProperty("secret").GetString();
        Assert.NotEqual(webhookSecret, newSecret);
        definition = await catalog.FindAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, CancellationToken.None);
        Assert.Equal(newSecret, definition!.Webhooks[0].Secret);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/agents/{id}/webhooks/{webhookId + 1000}/secret", null)).StatusCode);
    }

    [Fact]
    public async Task A_partial_update_changes_only_the_fields_sent()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (_, extension, _) = await admin.CreateExtensionAsync();
        var id = (await admin.CreateAgentAsync(Full(AgentRequests.NewName(), extension))).GetProperty("id").GetInt64();
        var after = await admin.PutJsonAsync($"/api/agents/{id}", new { system_prompt = "New prompt", maxTurns = 7 });
        Assert.Equal("New prompt", after.GetProperty("systemPrompt").GetString());
        Assert.Equal(7, after.GetProperty("maxTurns").GetInt32());
        Assert.Equal("Rachel", after.GetProperty("ttsVoice").GetString());
        Assert.Single(after.GetProperty("contexts").EnumerateArray());
        Assert.Single(after.GetProperty("functions").EnumerateArray());
        Assert.Equal(extension, after.GetProperty("transferTargets")[0].GetProperty("number").GetString());
    }

    [Fact]
    public async Task Supervisors_read_agents_but_only_admins_write_them_and_agents_see_nothing()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var id = await admin.CreateAgentIdAsync();
        var (supervisor, _) = await Api.CreateSignedInUserAsync("supervisor");
        var (agent, _) = await Api.CreateSignedInUserAsync("agent");
        using (supervisor)
        using (agent)
        {
            Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/agents/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("/api/agents", AgentRequests.Minimal())).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync($"/api/agents/{id}", new { name = "x" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.DeleteAsync($"/api/agents/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/agents")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("/api/ai-providers")).StatusCode);
        }
        using var anonymous = Api.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/agents")).StatusCode);
    }

    [Fact]
    public async Task Two_agents_may_not_share_a_name_whatever_its_case()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var name = AgentRequests.NewName();
        await admin.CreateAgentIdAsync(AgentRequests.Minimal(name));
        var problem = await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/agents", AgentRequests.Minimal(name.ToUpperInvariant())),
            HttpStatusCode.Conflict, "conflict");
        Assert.Contains("already has this name", problem.Detail, StringComparison.Ordinal);
    }
}
