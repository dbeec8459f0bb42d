using System.Net.Http.Headers;
using BotPbx.Api.IntegrationTests.Telephony;

namespace BotPbx.Api.IntegrationTests.Auth;

/// <summary>
/// Review item: body-less POSTs and the upload endpoint relied on SameSite alone against CSRF. A cookie-carrying
/// state-changing request must come from this origin (<c>Sec-Fetch-Site</c>, else <c>Origin</c>); bearer requests are
/// not CSRF-able and are not checked.
/// </summary>
public sealed class CrossSiteRequestTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private ApiFactory Api => fixture.Api;

    private async Task<string> AdminCookieAsync()
    {
        using var client = Api.Anonymous();
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("botpbx_session=", StringComparison.Ordinal)).Split(';')[0];
    }

    private async Task<long> NewExtensionAsync()
    {
        using var admin = await Api.SignInAsAdminAsync();
        return (await admin.CreateExtensionAsync()).Id;
    }

    private static HttpRequestMessage BodylessPost(string path, string cookie, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("Cookie", cookie);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    public static TheoryData<string, string> Refused() => new()
    {
        { "Origin", "https://evil.example" },
        { "Origin", "null" },
        { "Origin", "http://localhost:8080" },
        { "Sec-Fetch-Site", "cross-site" },
        { "Sec-Fetch-Site", "same-site" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_cookie_request_from_another_site_is_refused_before_it_acts(string header, string value)
    {
        var cookie = await AdminCookieAsync();
        var id = await NewExtensionAsync();
        var secret = await RevealAsync(id);
        using var client = Api.Anonymous();

        using var response = await client.SendAsync(BodylessPost($"/api/extensions/{id}/regenerate-secret", cookie, (header, value)));

        await Problem.ReadAsync(response, HttpStatusCode.Forbidden, "cross_site_request");
        Assert.Equal(secret, await RevealAsync(id));
    }

    private async Task<string> RevealAsync(long id)
    {
        using var admin = await Api.SignInAsAdminAsync();
        using var reveal = await admin.PostAsync($"/api/extensions/{id}/reveal-secret", null);
        return (await reveal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }

    public static TheoryData<string, string> Allowed() => new()
    {
        { "Origin", "http://localhost" },
        { "Sec-Fetch-Site", "same-origin" },
        { "X-None", "no Origin and no Sec-Fetch-Site: not a browser" },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public async Task A_cookie_request_from_this_origin_or_from_a_non_browser_client_goes_through(string header, string value)
    {
        var cookie = await AdminCookieAsync();
        var id = await NewExtensionAsync();
        using var client = Api.Anonymous();

        using var response = await client.SendAsync(BodylessPost($"/api/extensions/{id}/regenerate-secret", cookie, (header, value)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Sec_fetch_site_wins_over_an_origin_a_proxy_rewrote()
    {
        var cookie = await AdminCookieAsync();
        var id = await NewExtensionAsync();
        using var client = Api.Anonymous();

        using var response = await client.SendAsync(BodylessPost($"/api/extensions/{id}/regenerate-secret", cookie,
            ("Origin", "https://pbx.example.com"), ("Sec-Fetch-Site", "same-origin")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_bearer_request_is_not_checked_for_its_origin()
    {
        var id = await NewExtensionAsync();
        using var admin = await Api.SignInAsAdminAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/extensions/{id}/regenerate-secret");
        request.Headers.TryAddWithoutValidation("Origin", "https://script-host.example");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");

        using var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_cross_site_upload_with_the_cookie_is_refused()
    {
        var cookie = await AdminCookieAsync();
        using var admin = await Api.SignInAsAdminAsync();
        var id = (await admin.CreateAsync("/api/moh-classes", new { name = "csrf-" + TelephonyClient.NewNumber() })).GetProperty("id").GetInt64();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(new byte[64]);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", "evil.wav");
        using var request = BodylessPost($"/api/moh-classes/{id}/files", cookie, ("Origin", "https://evil.example"));
        request.Content = form;
        using var client = Api.Anonymous();

        using var response = await client.SendAsync(request);

        await Problem.ReadAsync(response, HttpStatusCode.Forbidden, "cross_site_request");
    }

    [Fact]
    public async Task A_cross_site_login_is_refused_too()
    {
        using var client = Api.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword }),
        };
        request.Headers.TryAddWithoutValidation("Origin", "https://evil.example");

        using var response = await client.SendAsync(request);

        await Problem.ReadAsync(response, HttpStatusCode.Forbidden, "cross_site_request");
    }
}
