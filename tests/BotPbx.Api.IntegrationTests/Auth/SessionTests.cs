using System.Net.Http.Headers;

namespace BotPbx.Api.IntegrationTests.Auth;

public sealed class SessionTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiFactory Api => fixture.Api;

    private const string Password = "a-long-enough-password";

    [Fact]
    public async Task Logout_revokes_the_token_and_clears_the_cookie()
    {
        var (client, _) = await Api.CreateSignedInUserAsync("agent");
        using (client)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);

            using var logout = await client.PostAsync("/api/auth/logout", null);

            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
            var cleared = Assert.Single(logout.Headers.GetValues("Set-Cookie"));
            Assert.StartsWith("botpbx_session=;", cleared);
            Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
            using var after = await client.GetAsync("/api/auth/me");
            await Problem.ReadAsync(after, HttpStatusCode.Unauthorized, "unauthorized");
        }
    }

    [Fact]
    public async Task A_cookie_of_a_logged_out_session_is_refused()
    {
        using var client = Api.Anonymous();
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        HttpRequestMessage WithCookie(HttpMethod method, string path)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Add("Cookie", cookie);
            return request;
        }

        using (var logout = await client.SendAsync(WithCookie(HttpMethod.Post, "/api/auth/logout")))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }
        using var after = await client.SendAsync(WithCookie(HttpMethod.Get, "/api/auth/me"));

        await Problem.ReadAsync(after, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Logout_without_a_valid_session_still_clears_the_cookie()
    {
        using var client = Api.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        request.Headers.Add("Cookie", "botpbx_session=stale-or-garbage");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.StartsWith("botpbx_session=;", response.Headers.GetValues("Set-Cookie").Single());
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_revokes_the_others()
    {
        var (current, user) = await Api.CreateSignedInUserAsync("supervisor");
        using var other = await Api.SignInAsync(user.Email, Password);
        using (current)
        {
            using var change = await current.PutAsJsonAsync("/api/auth/password",
                new { currentPassword = Password, newPassword = "a-brand-new-password" });

            Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await current.GetAsync("/api/auth/me")).StatusCode);
            await Problem.ReadAsync(await other.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "unauthorized");
            using var anonymous = Api.Anonymous();
            await Problem.ReadAsync(await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = Password }),
                HttpStatusCode.Unauthorized, "invalid_credentials");
            Assert.Equal(HttpStatusCode.OK,
                (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "a-brand-new-password" })).StatusCode);
        }
    }

    [Fact]
    public async Task A_wrong_current_password_or_a_weak_new_one_is_a_field_error()
    {
        var (client, _) = await Api.CreateSignedInUserAsync("agent");
        using (client)
        {
            using var wrongCurrent = await client.PutAsJsonAsync("/api/auth/password",
                new { currentPassword = "not-my-password", newPassword = "a-brand-new-password" });
            using var weak = await client.PutAsJsonAsync("/api/auth/password",
                new { currentPassword = Password, newPassword = "short" });

            var a = await Problem.ReadAsync(wrongCurrent, HttpStatusCode.UnprocessableEntity, "validation_failed");
            Assert.Equal(["is incorrect"], a.Errors["currentPassword"]);
            var b = await Problem.ReadAsync(weak, HttpStatusCode.UnprocessableEntity, "validation_failed");
            Assert.Equal(["must be at least 12 characters"], b.Errors["newPassword"]);
            Assert.False(b.Errors.ContainsKey("currentPassword"));
        }
    }

    [Fact]
    public async Task A_token_from_before_a_restart_still_works_because_the_keys_live_in_the_database()
    {
        var login = await Api.LoginAsync(ApiFactory.AdminEmail, ApiFactory.AdminPassword);

        await using var restarted = await ApiFactory.StartAsync(fixture.Database.ConnectionString);
        using var client = restarted.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_forged_or_garbled_token_is_unauthorized()
    {
        using var client = Api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-real-token");

        await Problem.ReadAsync(await client.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_role_change_takes_effect_on_existing_sessions()
    {
        var (client, user) = await Api.CreateSignedInUserAsync("admin");
        using (client)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/users")).StatusCode);
            using var admin = await Api.SignInAsAdminAsync();
            using var demote = await admin.PutAsJsonAsync($"/api/users/{user.Id}", new { user.Email, user.Name, role = "agent", disabled = false });
            Assert.Equal(HttpStatusCode.OK, demote.StatusCode);

            await Problem.ReadAsync(await client.GetAsync("/api/users"), HttpStatusCode.Forbidden, "forbidden");
            Assert.Equal("agent", (await client.GetFromJsonAsync<MeBody>("/api/auth/me"))!.Role);
        }
    }
}
