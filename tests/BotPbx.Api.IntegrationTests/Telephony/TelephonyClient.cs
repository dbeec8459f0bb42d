namespace BotPbx.Api.IntegrationTests.Telephony;

/// <summary>Small helpers that create the objects a test needs through the API.</summary>
public static class TelephonyClient
{
    private static int _next = 2000 + Random.Shared.Next(0, 5000);

    /// <summary>A fresh internal number, so tests in one class never clash.</summary>
    public static string NewNumber() => Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<JsonElement> CreateAsync(this HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<(long Id, string Number, string Secret)> CreateExtensionAsync(this HttpClient client, string? name = null)
    {
        var number = NewNumber();
        var created = await client.CreateAsync("/api/extensions", new { number, name = name ?? "User " + number, voicemail = new { pin = "1234" } });
        return (created.GetProperty("extension").GetProperty("id").GetInt64(), number, created.GetProperty("secret").GetString()!);
    }

    public static async Task<long> CreateTrunkAsync(this HttpClient client) =>
        (await client.CreateAsync("/api/trunks", new { name = "Trunk " + NewNumber(), host = "sip.example.com", register = true, username = "u1", password = "p-1" }))
        .GetProperty("id").GetInt64();

    public static async Task<long> CreateQueueAsync(this HttpClient client, params long[] memberExtensionIds) =>
        (await client.CreateAsync("/api/queues", new
        {
            number = NewNumber(), name = "Queue", members = memberExtensionIds.Select(id => new { extensionId = id, penalty = 0 }).ToArray(),
        })).GetProperty("id").GetInt64();
}
