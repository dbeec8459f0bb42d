namespace BotPbx.Api.IntegrationTests.Settings;

public sealed class SettingsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiFactory Api => fixture.Api;

    [Fact]
    public async Task Settings_have_defaults_can_be_changed_and_the_change_is_audited()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var defaults = await admin.GetFromJsonAsync<JsonElement>("/api/settings");
        Assert.Equal("UTC", defaults.GetProperty("timeZone").GetString());

        using var put = await admin.PutAsJsonAsync("/api/settings", new { companyName = "  Acme Ltd ", timeZone = "Europe/Berlin", language = "de" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var after = await admin.GetFromJsonAsync<JsonElement>("/api/settings");
        Assert.Equal("Acme Ltd", after.GetProperty("companyName").GetString());
        Assert.Equal("Europe/Berlin", after.GetProperty("timeZone").GetString());
        Assert.Equal("de", after.GetProperty("language").GetString());
        Assert.Contains("\"action\":\"settings.changed\"", await admin.GetStringAsync("/api/audit?limit=500"));
    }

    [Fact]
    public async Task A_company_name_with_a_newline_is_refused()
    {
        using var admin = await Api.SignInAsAdminAsync();
        using var put = await admin.PutAsJsonAsync("/api/settings", new { companyName = "Acme\n[evil]", timeZone = "UTC", language = "en" });
        var problem = await Problem.ReadAsync(put, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("companyName", problem.Errors.Keys);
    }
}
