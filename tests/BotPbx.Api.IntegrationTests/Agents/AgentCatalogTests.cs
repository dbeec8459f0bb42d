using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using BotPbx.Api.IntegrationTests.Telephony;
using BotPbx.Voice.Agents;

namespace BotPbx.Api.IntegrationTests.Agents;

/// <summary>What the call pipeline gets for AI_AGENT (an id or a name) and AI_CONTEXT, and the AI provider settings behind it.</summary>
public sealed class AgentCatalogTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private ApiFactory Api => fixture.Api;

    private IAgentCatalog Catalog => Api.Services.GetRequiredService<IAgentCatalog>();

    private static async Task<(long Id, string Name)> CreateAsync(HttpClient admin)
    {
        var name = AgentRequests.NewName("Billing");
        var id = await admin.CreateAgentIdAsync(new
        {
            name, llmProvider = "groq", model = "llama-3.3-70b-versatile", systemPrompt = "You are the general desk.", greeting = "Hello!",
            ttsEngine = "piper", ttsVoice = "en_US-lessac-medium", sttEngine = "whisper", sttModel = "whisper-large-v3", silenceTimeoutSeconds = 6,
            contexts = new object[]
            {
                new { name = "sales", greeting = "Sales here.", prompt = "You sell." },
                new { name = "after_hours", greeting = "We are closed." },
            },
        });
        return (id, name);
    }

    [Fact]
    public async Task An_agent_is_found_by_id_or_by_name_with_its_providers_and_defaults()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (id, name) = await CreateAsync(admin);

        var byId = await Catalog.FindAsync(id.ToString(CultureInfo.InvariantCulture), null, CancellationToken.None);
        var byName = await Catalog.FindAsync(name.ToUpperInvariant(), null, CancellationToken.None);
        Assert.NotNull(byId);
        Assert.Equal(byId.Id, byName!.Id);
        Assert.Equal("You are the general desk.", byId.SystemPrompt);
        Assert.Equal("Hello!", byId.Greeting);
        Assert.Equal(("openai", new Uri("https://api.groq.com/openai/v1")), (byId.Llm.Kind, byId.Llm.BaseUrl));
        Assert.Equal("piper", byId.Tts.Kind);
        Assert.Equal("en_US-lessac-medium", byId.Voice);
        Assert.Equal("whisper", byId.Stt.Kind);
        Assert.Equal("whisper-large-v3", byId.SttModel);
        Assert.Equal(TimeSpan.FromSeconds(6), byId.SilenceTimeout);
        Assert.Null(byId.SpeechToSpeech);

        Assert.Null(await Catalog.FindAsync("999999999", null, CancellationToken.None));
        Assert.Null(await Catalog.FindAsync("nobody by this name", null, CancellationToken.None));
    }

    [Fact]
    public async Task A_context_replaces_the_greeting_and_prompt_it_gives_and_an_unknown_one_keeps_the_defaults()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (id, _) = await CreateAsync(admin);
        var key = id.ToString(CultureInfo.InvariantCulture);

        var sales = await Catalog.FindAsync(key, "SALES", CancellationToken.None);
        Assert.Equal(("Sales here.", "You sell."), (sales!.Greeting, sales.SystemPrompt));
        var closed = await Catalog.FindAsync(key, "after_hours", CancellationToken.None);
        Assert.Equal(("We are closed.", "You are the general desk."), (closed!.Greeting, closed.SystemPrompt));
        var unknown = await Catalog.FindAsync(key, "premium", CancellationToken.None);
        Assert.Equal(("Hello!", "You are the general desk."), (unknown!.Greeting, unknown.SystemPrompt));
    }

    [Fact]
    public async Task Provider_keys_are_write_only_and_reach_the_pipeline()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (id, _) = await CreateAsync(admin);
        const string key = "gsk_test_key_that_must_never_be_returned";

        var saved = await admin.PutJsonAsync("/api/ai-providers/groq", new { apiKey = key, baseUrl = "http://127.0.0.1:9/openai/v1" });
        Assert.True(saved.GetProperty("hasApiKey").GetBoolean());
        Assert.Equal("http://127.0.0.1:9/openai/v1", saved.GetProperty("baseUrl").GetString());
        var list = await admin.GetStringAsync("/api/ai-providers");
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.DoesNotContain(key, saved.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Api.Logs.Messages, m => m.Contains(key, StringComparison.Ordinal));

        var agent = await Catalog.FindAsync(id.ToString(CultureInfo.InvariantCulture), null, CancellationToken.None);
        Assert.Equal(key, agent!.Llm.ApiKey);
        Assert.Equal(new Uri("http://127.0.0.1:9/openai/v1"), agent.Llm.BaseUrl);
        Assert.DoesNotContain(key, agent.Llm.ToString(), StringComparison.Ordinal);

        // A partial update keeps the key; clearing it and restoring the default URL are explicit.
        Assert.True((await admin.PutJsonAsync("/api/ai-providers/groq", new { baseUrl = (string?)null })).GetProperty("hasApiKey").GetBoolean());
        var cleared = await admin.PutJsonAsync("/api/ai-providers/groq", new { clearApiKey = true });
        Assert.False(cleared.GetProperty("hasApiKey").GetBoolean());
        agent = await Catalog.FindAsync(id.ToString(CultureInfo.InvariantCulture), null, CancellationToken.None);
        Assert.Null(agent!.Llm.ApiKey);
        Assert.Equal(new Uri("https://api.groq.com/openai/v1"), agent.Llm.BaseUrl);

        var problem = await Problem.ReadAsync(await admin.PutAsJsonAsync("/api/ai-providers/groq", new { apiKey = "has space", baseUrl = "file:///etc/passwd" }),
            HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["apiKey", "baseUrl"], problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/ai-providers/nope", new { apiKey = "k" })).StatusCode);
    }
}
