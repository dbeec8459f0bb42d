namespace BotPbx.Api.IntegrationTests.Auth;

public sealed class LoginRateLimitTests(RateLimitFixture fixture) : IClassFixture<RateLimitFixture>
{
    private ApiFactory Api => fixture.Api;

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        await client.PostAsJsonAsync("/api/auth/login", new { email, password });

    [Fact]
    public async Task After_too_many_failures_for_one_account_even_the_right_password_is_refused_with_Retry_After()
    {
        var (signedIn, user) = await Api.CreateSignedInUserAsync("agent");
        signedIn.Dispose();
        // Each attempt from its own address: only the per-account limit can be what stops them.
        for (var i = 0; i < 3; i++)
        {
            using var client = Api.Anonymous($"192.0.2.{10 + i}");
            using var failed = await LoginAsync(client, user.Email, "wrong-password-" + i);
            await Problem.ReadAsync(failed, HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        using var another = Api.Anonymous("192.0.2.99");
        using var refused = await LoginAsync(another, user.Email, "a-long-enough-password");

        await Problem.ReadAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));

        using var admin = await Api.SignInAsAdminAsync();
        Assert.Contains("auth.login_rate_limited", await admin.GetStringAsync("/api/audit?limit=500"));
    }

    [Fact]
    public async Task After_too_many_failures_from_one_address_that_address_is_refused_but_others_are_not()
    {
        using var attacker = Api.Anonymous("203.0.113.5");
        for (var i = 0; i < 5; i++)
        {
            using var failed = await LoginAsync(attacker, $"victim{i}@example.test", "guess-" + i);
            await Problem.ReadAsync(failed, HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        using var refused = await LoginAsync(attacker, ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        await Problem.ReadAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);

        using var someoneElse = Api.Anonymous("203.0.113.6");
        using var allowed = await LoginAsync(someoneElse, ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Successful_logins_do_not_use_up_the_allowance()
    {
        using var client = Api.Anonymous("198.51.100.200");
        for (var i = 0; i < 8; i++)
        {
            using var ok = await LoginAsync(client, ApiFactory.AdminEmail, ApiFactory.AdminPassword);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
    }
}
