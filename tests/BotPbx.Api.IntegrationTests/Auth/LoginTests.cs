using System.Net.Http.Headers;

namespace BotPbx.Api.IntegrationTests.Auth;

public sealed class LoginTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiFactory Api => fixture.Api;

    [Fact]
    public async Task A_correct_login_returns_a_token_the_user_and_an_HttpOnly_strict_session_cookie()
    {
        using var client = Api.Anonymous();
        using var response = await client.PostAsJsonAsync("/api/auth/login",
            new { email = ApiFactory.AdminEmail.ToUpperInvariant(), password = ApiFactory.AdminPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<LoginBody>())!;
        Assert.False(string.IsNullOrWhiteSpace(body.Token));
        Assert.True(body.ExpiresAt > DateTimeOffset.UtcNow);
        Assert.Equal(ApiFactory.AdminEmail, body.User.Email);
        Assert.Equal("admin", body.User.Role);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("botpbx_session=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_bearer_token_and_the_cookie_both_identify_the_user()
    {
        using var client = Api.Anonymous();
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });
        var token = (await login.Content.ReadFromJsonAsync<LoginBody>())!.Token;
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        using var byBearer = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        byBearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var byCookie = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        byCookie.Headers.Add("Cookie", cookie);

        foreach (var request in new[] { byBearer, byCookie })
        {
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var me = (await response.Content.ReadFromJsonAsync<MeBody>())!;
            Assert.Equal(ApiFactory.AdminEmail, me.Email);
            Assert.Equal("admin", me.Role);
        }
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answer()
    {
        using var client = Api.Anonymous();
        using var wrongPassword = await client.PostAsJsonAsync("/api/auth/login", new { email = ApiFactory.AdminEmail, password = "not-the-password" });
        using var unknownEmail = await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.test", password = "not-the-password" });

        var a = await Problem.ReadAsync(wrongPassword, HttpStatusCode.Unauthorized, "invalid_credentials");
        var b = await Problem.ReadAsync(unknownEmail, HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(a.Detail, b.Detail);
        Assert.False(wrongPassword.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_even_with_the_right_password()
    {
        var (client, user) = await Api.CreateSignedInUserAsync("agent");
        client.Dispose();
        using var admin = await Api.SignInAsAdminAsync();
        using var disable = await admin.PutAsJsonAsync($"/api/users/{user.Id}", new { user.Email, user.Name, user.Role, disabled = true });
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);

        using var anonymous = Api.Anonymous();
        using var response = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "a-long-enough-password" });

        await Problem.ReadAsync(response, HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Missing_fields_are_a_validation_problem_and_malformed_json_a_bad_request()
    {
        using var client = Api.Anonymous();
        using var missing = await client.PostAsJsonAsync("/api/auth/login", new { email = "" });
        using var malformed = await client.PostAsync("/api/auth/login",
            new StringContent("{\"email\": ", Encoding.UTF8, "application/json"));
        using var wrongType = await client.PostAsync("/api/auth/login",
            new StringContent("{\"email\": 42, \"password\": true}", Encoding.UTF8, "application/json"));

        var problem = await Problem.ReadAsync(missing, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["is required"], problem.Errors["email"]);
        Assert.Equal(["is required"], problem.Errors["password"]);
        await Problem.ReadAsync(malformed, HttpStatusCode.BadRequest, "bad_request");
        await Problem.ReadAsync(wrongType, HttpStatusCode.BadRequest, "bad_request");
    }

    [Fact]
    public async Task Successful_and_failed_logins_are_audited_without_the_password()
    {
        const string wrong = "audited-wrong-password";
        using var anonymous = Api.Anonymous("198.51.100.7");
        using var failed = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = ApiFactory.AdminEmail, password = wrong });
        using var admin = await Api.SignInAsAdminAsync();

        var audit = await admin.GetStringAsync("/api/audit?limit=500");

        Assert.Contains("\"action\":\"auth.login_failed\"", audit);
        Assert.Contains("\"ip\":\"198.51.100.7\"", audit);
        Assert.Contains("\"action\":\"auth.login\"", audit);
        Assert.DoesNotContain(wrong, audit);
        Assert.DoesNotContain(ApiFactory.AdminPassword, audit);
    }
}
