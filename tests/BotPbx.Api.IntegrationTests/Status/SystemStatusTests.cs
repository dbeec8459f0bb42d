namespace BotPbx.Api.IntegrationTests.Status;

public sealed class SystemStatusTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiFactory Api => fixture.Api;

    [Fact]
    public async Task Health_is_public_and_ok_while_the_database_answers()
    {
        using var client = Api.Anonymous();
        using var response = await client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Status_reports_version_uptime_database_and_an_unconfigured_asterisk()
    {
        var (client, _) = await Api.CreateSignedInUserAsync("agent");
        using (client)
        {
            var status = await client.GetFromJsonAsync<JsonElement>("/api/system/status");

            Assert.Matches(@"^\d+\.\d+\.\d+", status.GetProperty("version").GetString());
            Assert.True(status.GetProperty("startedAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
            Assert.True(status.GetProperty("uptimeSeconds").GetInt64() >= 0);
            Assert.Equal("up", status.GetProperty("database").GetProperty("state").GetString());
            Assert.False(status.GetProperty("database").TryGetProperty("error", out _));
            Assert.Equal("not_configured", status.GetProperty("asterisk").GetProperty("ami").GetProperty("state").GetString());
        }
    }
}
