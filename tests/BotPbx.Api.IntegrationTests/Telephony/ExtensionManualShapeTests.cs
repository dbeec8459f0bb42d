namespace BotPbx.Api.IntegrationTests.Telephony;

/// <summary>The manual's names and defaults for extensions, beside the API's own: <c>extension</c> for <c>number</c>, no PIN needed.</summary>
public sealed class ExtensionManualShapeTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient admin, string path, object body)
    {
        using var response = await admin.PostAsJsonAsync(path, body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task Extension_is_another_name_for_number_and_answers_say_number_only()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var number = TelephonyClient.NewNumber();
        var created = await admin.CreateAsync("/api/extensions", new { extension = number, name = "Alias" });
        var extension = created.GetProperty("extension");
        Assert.Equal(number, extension.GetProperty("number").GetString());
        Assert.False(extension.TryGetProperty("extension", out _));

        var id = extension.GetProperty("id").GetInt64();
        var renumbered = TelephonyClient.NewNumber();
        using var put = await admin.PutAsJsonAsync($"/api/extensions/{id}", new { extension = renumbered });
        Assert.Equal(renumbered, (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString());
    }

    [Fact]
    public async Task Sending_extension_and_number_with_different_values_is_a_field_error()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/extensions", new { extension = TelephonyClient.NewNumber(), number = TelephonyClient.NewNumber(), name = "Both" });
        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("extension", problem.Errors.Keys);

        var same = TelephonyClient.NewNumber();
        var (status, _) = await PostAsync(admin, "/api/extensions", new { extension = same, number = same, name = "Same" });
        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task Without_a_pin_voicemail_is_on_with_a_generated_pin_shown_once_in_the_create_answer()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var created = await admin.CreateAsync("/api/extensions", new { number = TelephonyClient.NewNumber(), name = "No pin" });
        var pin = created.GetProperty("voicemailPin").GetString();
        Assert.Matches("^[0-9]{6}$", pin);
        Assert.True(created.GetProperty("extension").GetProperty("voicemail").GetProperty("enabled").GetBoolean());

    }

    [Fact]
    public async Task A_chosen_pin_is_kept_and_voicemail_off_shows_no_pin()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var chosen = await admin.CreateAsync("/api/extensions", new { number = TelephonyClient.NewNumber(), name = "Chosen", voicemail = new { pin = "2468" } });
        Assert.Equal("2468", chosen.GetProperty("voicemailPin").GetString());

        var off = await admin.CreateAsync("/api/extensions", new { number = TelephonyClient.NewNumber(), name = "Off", voicemail = new { enabled = false } });
        Assert.Equal(JsonValueKind.Null, off.GetProperty("voicemailPin").ValueKind);
    }

    [Fact]
    public async Task Turning_voicemail_on_later_without_a_pin_is_refused_because_no_update_answer_shows_a_pin()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var off = await admin.CreateAsync("/api/extensions", new { number = TelephonyClient.NewNumber(), name = "Later", voicemail = new { enabled = false } });
        var id = off.GetProperty("extension").GetProperty("id").GetInt64();
        using var response = await admin.PutAsJsonAsync($"/api/extensions/{id}", new { voicemail = new { enabled = true } });
        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("voicemail.pin", problem.Errors.Keys);
    }

    [Fact]
    public async Task A_short_secret_is_still_refused()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/extensions", new { number = TelephonyClient.NewNumber(), name = "Weak", secret = "1234567" });
        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("secret", problem.Errors.Keys);
    }
}
