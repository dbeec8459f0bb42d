namespace BotPbx.Api.IntegrationTests.Auth;

/// <summary>
/// Review item: the limiter checked first and counted failures afterwards, so guesses sent in parallel all got a
/// password check; and every refused attempt wrote an audit row. (Limits here: 3 per account, 5 per address.)
/// </summary>
public sealed class LoginLimiterConcurrencyTests(RateLimitFixture fixture) : IClassFixture<RateLimitFixture>
{
    private ApiFactory Api => fixture.Api;

    [Fact]
    public async Task Parallel_guesses_get_no_more_password_checks_than_the_limit()
    {
        var (signedIn, user) = await Api.CreateSignedInUserAsync("agent");
        signedIn.Dispose();
        // 24 guesses at once, each from its own address: only the per-account limit (3) can stop them.
        var guesses = Enumerable.Range(0, 24).Select(async i =>
        {
            using var client = Api.Anonymous($"198.18.{i / 200}.{i % 200 + 1}");
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong-guess-" + i });
            return response.StatusCode;
        }).ToList();
        var statuses = await Task.WhenAll(guesses);

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(21, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_flood_of_refused_attempts_writes_one_audit_row_per_lockout()
    {
        var account = $"flooded-{Guid.NewGuid():N}@example.test";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            // Different addresses for the first three so the address limit (5) is not what trips.
            using var attacker = Api.Anonymous($"192.0.2.{210 + Math.Min(i, 3)}");
            using var response = await attacker.PostAsJsonAsync("/api/auth/login", new { email = account, password = "guess-" + i });
            statuses.Add(response.StatusCode);
        }
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(12, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        using var admin = await Api.SignInAsAdminAsync();
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/audit?limit=500");
        var rows = Items(audit).Where(e => e.GetProperty("action").GetString() == "auth.login_rate_limited" && e.ToString().Contains(account, StringComparison.Ordinal));
        Assert.Single(rows);
        Assert.Equal(3, Items(audit).Count(e => e.GetProperty("action").GetString() == "auth.login_failed" && e.ToString().Contains(account, StringComparison.Ordinal)));
    }

    private static IEnumerable<JsonElement> Items(JsonElement audit) =>
        (audit.ValueKind == JsonValueKind.Array ? audit : audit.GetProperty("items")).EnumerateArray();
}
