using System.Net.Http.Headers;

namespace BotPbx.Api.IntegrationTests.Campaigns;

/// <summary>The Hangfire dashboard at /hangfire: signed-in admins only (session cookie or bearer token).</summary>
public sealed class JobsDashboardTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Nobody_signed_in_gets_401()
    {
        using var response = await fixture.Api.Anonymous().GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var stats = await fixture.Api.Anonymous().GetAsync("/hangfire/stats");
        Assert.Equal(HttpStatusCode.Unauthorized, stats.StatusCode);
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("supervisor")]
    public async Task A_signed_in_user_who_is_not_an_admin_gets_403(string role)
    {
        var (client, _) = await fixture.Api.CreateSignedInUserAsync(role);
        using var response = await client.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("BotPBX jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_with_the_session_cookie_sees_the_dashboard_without_the_connection_string()
    {
        var login = await fixture.Api.LoginAsync(ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        Assert.NotNull(login);
        // The browser's way in: the login's Set-Cookie, sent back on the next request.
        using var anonymous = fixture.Api.Anonymous();
        using var loginResponse = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });
        var cookie = loginResponse.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("botpbx_session=", StringComparison.Ordinal)).Split(';')[0];
        using var browser = fixture.Api.Anonymous();
        browser.DefaultRequestHeaders.Add("Cookie", cookie);

        using var response = await browser.GetAsync("/hangfire");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("BotPBX jobs", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_admin_with_a_bearer_token_sees_the_recurring_jobs_page()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        using var response = await admin.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("text/html").MediaType, response.Content.Headers.ContentType?.MediaType);
    }
}
