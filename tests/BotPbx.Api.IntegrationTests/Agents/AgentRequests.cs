using BotPbx.Api.IntegrationTests.Telephony;

namespace BotPbx.Api.IntegrationTests.Agents;

/// <summary>Agent bodies tests send, and small readers of the answers.</summary>
public static class AgentRequests
{
    public static string NewName(string prefix = "Agent") => prefix + " " + TelephonyClient.NewNumber();

    /// <summary>The least an agent needs: the rest takes the offline defaults (flite, pocketsphinx).</summary>
    public static object Minimal(string? name = null) => new
    {
        name = name ?? NewName(), llmProvider = "openai-compatible", model = "llama3", systemPrompt = "You are the receptionist of Acme.",
    };

    public static async Task<JsonElement> CreateAgentAsync(this HttpClient client, object body) => await client.CreateAsync("/api/agents", body);

    public static async Task<long> CreateAgentIdAsync(this HttpClient client, object? body = null) =>
        (await client.CreateAgentAsync(body ?? Minimal())).GetProperty("id").GetInt64();

    public static async Task<JsonElement> ReadOkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> PutJsonAsync(this HttpClient client, string path, object body)
    {
        using var response = await client.PutAsJsonAsync(path, body);
        return await ReadOkAsync(response);
    }
}
