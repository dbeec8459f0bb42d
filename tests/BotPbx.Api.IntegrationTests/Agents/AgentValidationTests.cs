using BotPbx.Api.IntegrationTests.Telephony;

namespace BotPbx.Api.IntegrationTests.Agents;

/// <summary>Bad agent bodies answer 422 with a message under each bad field's JSON path.</summary>
public sealed class AgentValidationTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private ApiFactory Api => fixture.Api;

    private async Task<Problem> RejectedAsync(object body)
    {
        using var admin = await Api.SignInAsAdminAsync();
        return await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/agents", body), HttpStatusCode.UnprocessableEntity, "validation_failed");
    }

    [Fact]
    public async Task Every_bad_scalar_field_is_named_with_its_own_message()
    {
        var problem = await RejectedAsync(new
        {
            name = "12345", llmProvider = "deepgram", model = "gpt 4o", temperature = 3.5, maxTokens = 0, systemPrompt = "",
            ttsEngine = "whisper", ttsVoice = "Rachel\"; DROP", ttsSpeed = 9, sttEngine = "flite", sttLanguage = "english!",
            realtimeProvider = "openai", maxTurns = 0, silenceTimeoutSeconds = 500, endCallPhrases = new[] { "bye", "" },
        });
        Assert.Equal(
            ["endCallPhrases[1]", "llmProvider", "maxTokens", "maxTurns", "model", "name", "realtimeProvider", "silenceTimeoutSeconds",
             "sttEngine", "sttLanguage", "systemPrompt", "temperature", "ttsEngine", "ttsSpeed", "ttsVoice"],
            problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["must be one of openai, groq, anthropic, openai-compatible"], problem.Errors["llmProvider"]);
        Assert.Equal(["must not be only digits (AI_AGENT reads digits as an agent id)"], problem.Errors["name"]);
        Assert.Equal(["must be one of pocketsphinx, deepgram, whisper, assemblyai"], problem.Errors["sttEngine"]);
    }

    [Fact]
    public async Task A_functions_parameters_must_be_a_json_schema_object()
    {
        var problem = await RejectedAsync(new
        {
            name = AgentRequests.NewName(), llmProvider = "openai", model = "gpt-4o", systemPrompt = "p",
            functions = new object[]
            {
                // The manual's shorthand is not a schema: the vendors would refuse it at call time.
                new { name = "lookup_customer", description = "Look up", parameters = new { phone = new { type = "string" } }, url = "https://x.example/a" },
                new
                {
                    name = "book", description = "Book", url = "ftp://x.example/b",
                    parameters = new { type = "object", properties = new { date = new { type = "date" } }, required = new[] { "time" } },
                },
                new { name = "transfer", description = "mine", parameters = new { type = "object" }, url = "https://x.example/c" },
                new { name = "book", description = "", parameters = new { type = "object" }, url = "https://user:pw@x.example/d" },
            },
        });
        Assert.Equal(["must be a JSON schema object: {\"type\": \"object\", \"properties\": {…}}"], problem.Errors["functions[0].parameters"]);
        Assert.Equal(
            ["has a type that is not one of object, string, number, integer, boolean, array, null at properties.date",
             "requires \"time\", which is not in its properties"],
            problem.Errors["functions[1].parameters"]);
        Assert.Contains("must be an absolute http:// or https:// URL", problem.Errors["functions[1].url"][0], StringComparison.Ordinal);
        Assert.Contains("is a built-in tool", problem.Errors["functions[2].name"][0], StringComparison.Ordinal);
        Assert.Equal(["is used by another function of this agent"], problem.Errors["functions[3].name"]);
        Assert.Equal(["is required"], problem.Errors["functions[3].description"]);
        Assert.Contains("functions[3].url", problem.Errors.Keys);
    }

    [Fact]
    public async Task Contexts_webhooks_and_transfer_targets_are_checked_item_by_item()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var queueless = TelephonyClient.NewNumber();
        var problem = await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/agents", new
        {
            name = AgentRequests.NewName(), llmProvider = "openai", model = "gpt-4o", systemPrompt = "p",
            contexts = new object[] { new { name = "sales desk", greeting = "Hi" }, new { name = "support" } },
            webhooks = new object[] { new { url = "https://x.example/h", events = new[] { "call.start", "call.ringing" } } },
            transferTargets = new object[]
            {
                new { name = "Sales", kind = "queue", number = queueless },
                new { name = "Mobile", kind = "external", number = "+4930123456" },
                new { name = "Odd", kind = "voicemail", number = "100" },
                new { name = "Short", kind = "extension", number = "0123" },
            },
        }), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["must be letters, digits, _ and - (as AI_CONTEXT names it)"], problem.Errors["contexts[0].name"]);
        Assert.Equal(["give a greeting, a prompt or both"], problem.Errors["contexts[1].prompt"]);
        Assert.Equal(["must name one or more of call.start, call.end, transfer, function.call"], problem.Errors["webhooks[0].events"]);
        Assert.Equal(["must be one of extension, queue, ringGroup, external"], problem.Errors["transferTargets[2].kind"]);
        Assert.Equal(["must be 2 to 8 digits and not start with 0 (the internal number)"], problem.Errors["transferTargets[3].number"]);
        // Shape errors first: the PBX references are checked only once the body is well-formed.
        Assert.DoesNotContain("transferTargets[0].number", problem.Errors.Keys);

        var references = await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/agents", new
        {
            name = AgentRequests.NewName(), llmProvider = "openai", model = "gpt-4o", systemPrompt = "p",
            transferTargets = new object[] { new { name = "Sales", kind = "queue", number = queueless }, new { name = "Mobile", kind = "external", number = "+4930123456" } },
        }), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["is not the number of a queue"], references.Errors["transferTargets[0].number"]);
        Assert.Equal(["is not dialled by any outbound route open to calls that are not from an extension"], references.Errors["transferTargets[1].number"]);
    }

    [Fact]
    public async Task An_update_may_not_claim_another_agents_function_id()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var other = await admin.CreateAgentAsync(new
        {
            name = AgentRequests.NewName(), llmProvider = "openai", model = "gpt-4o", systemPrompt = "p",
            functions = new[] { new { name = "f", description = "d", parameters = new { type = "object" }, url = "https://x.example/f" } },
        });
        var foreignId = other.GetProperty("functions")[0].GetProperty("id").GetInt64();
        var id = await admin.CreateAgentIdAsync();
        var problem = await Problem.ReadAsync(await admin.PutAsJsonAsync($"/api/agents/{id}", new
        {
            functions = new[] { new { id = foreignId, name = "f", description = "d", parameters = new { type = "object" }, url = "https://x.example/f" } },
        }), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["is not one of this agent's functions (leave it out for a new one)"], problem.Errors["functions[0].id"]);
    }
}
