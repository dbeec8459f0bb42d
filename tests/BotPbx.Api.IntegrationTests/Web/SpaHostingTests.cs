namespace BotPbx.Api.IntegrationTests.Web;

public sealed class SpaFixture : ApiFixture
{
    public static readonly string Directory = Path.Combine(Path.GetTempPath(), "botpbx-spa-" + Guid.NewGuid().ToString("N"));

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            global::System.IO.Directory.CreateDirectory(Path.Combine(Directory, "assets"));
            File.WriteAllText(Path.Combine(Directory, "index.html"), "<!doctype html><title>BotPBX</title><div id=root></div>");
            File.WriteAllText(Path.Combine(Directory, "assets", "index-abc123.js"), "console.log('app')");
            return new Dictionary<string, string?> { ["BOTPBX_STATIC_DIR"] = Directory };
        }
    }
}

public sealed class SpaHostingTests(SpaFixture fixture) : IClassFixture<SpaFixture>
{
    private ApiFactory Api => fixture.Api;

    [Theory]
    [InlineData("/")]
    [InlineData("/users")]
    [InlineData("/calls/live/42")]
    public async Task Client_routes_get_index_html_without_signing_in(string path)
    {
        using var response = await Api.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=root>", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Fingerprinted_assets_are_served_with_a_long_cache_life()
    {
        using var response = await Api.Anonymous().GetAsync("/assets/index-abc123.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Api_paths_never_fall_back_to_index_html()
    {
        using var admin = await Api.SignInAsAdminAsync();
        await Problem.ReadAsync(await admin.GetAsync("/api/not-a-route"), HttpStatusCode.NotFound, "not_found");
        await Problem.ReadAsync(await Api.Anonymous().GetAsync("/api/not-a-route/deeper"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        foreach (var path in new[] { "/", "/assets/index-abc123.js", "/api/health", "/api/users" })
        {
            using var response = await Api.Anonymous().GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("script-src 'self'", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }
}
