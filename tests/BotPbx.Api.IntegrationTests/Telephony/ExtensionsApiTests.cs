namespace BotPbx.Api.IntegrationTests.Telephony;

public sealed class ExtensionsApiTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private ApiFactory Api => fixture.Api;

    [Fact]
    public async Task Creating_without_a_secret_generates_one_that_is_shown_once_and_never_listed()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (id, number, secret) = await admin.CreateExtensionAsync("Secret Keeper");
        Assert.Equal(24, secret.Length);

        var list = await admin.GetStringAsync($"/api/extensions?search={number}");
        Assert.Contains($"\"number\":\"{number}\"", list);
        Assert.DoesNotContain(secret, list);
        Assert.DoesNotContain("\"secret\"", list);
        var one = await admin.GetStringAsync($"/api/extensions/{id}");
        Assert.DoesNotContain(secret, one);
        Assert.DoesNotContain("\"secret\"", one);

        using var reveal = await admin.PostAsync($"/api/extensions/{id}/reveal-secret", null);
        Assert.Equal(secret, (await reveal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString());
        Assert.Contains("extension.secret_revealed", await admin.GetStringAsync("/api/audit?limit=500"));
    }

    [Fact]
    public async Task An_update_without_a_secret_keeps_it_and_regenerate_replaces_it()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (id, number, secret) = await admin.CreateExtensionAsync();
        using var updated = await admin.PutAsJsonAsync($"/api/extensions/{id}", new { number, name = "Renamed", voicemail = new { pin = "1234" } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Renamed", (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        using var reveal = await admin.PostAsync($"/api/extensions/{id}/reveal-secret", null);
        Assert.Equal(secret, (await reveal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString());

        using var regenerated = await admin.PostAsync($"/api/extensions/{id}/regenerate-secret", null);
        var fresh = (await regenerated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString();
        Assert.NotEqual(secret, fresh);
        using var again = await admin.PostAsync($"/api/extensions/{id}/reveal-secret", null);
        Assert.Equal(fresh, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString());
    }

    [Fact]
    public async Task A_weak_secret_and_a_clashing_number_are_field_errors()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (_, number, _) = await admin.CreateExtensionAsync();
        using var response = await admin.PostAsJsonAsync("/api/extensions", new { number, name = "Dup", secret = "short", voicemail = new { pin = "1234" } });
        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("secret", problem.Errors.Keys);
        Assert.Contains(problem.Errors["number"], m => m.StartsWith("is already used by extension", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_admins_see_secrets_and_supervisors_only_read()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (id, _, _) = await admin.CreateExtensionAsync();
        var (supervisor, _) = await Api.CreateSignedInUserAsync("supervisor");
        using (supervisor)
        {
            Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/extensions")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync($"/api/extensions/{id}/reveal-secret", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.DeleteAsync($"/api/extensions/{id}")).StatusCode);
        }
        var (agent, _) = await Api.CreateSignedInUserAsync("agent");
        using (agent) Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/extensions")).StatusCode);
    }
}

public sealed class ExtensionUserLinkTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    [Fact]
    public async Task An_extension_links_to_an_existing_user_and_the_link_clears_when_the_user_is_deleted()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var (userClient, user) = await fixture.Api.CreateSignedInUserAsync("agent");
        userClient.Dispose();
        var number = TelephonyClient.NewNumber();
        var created = await admin.CreateAsync("/api/extensions", new { number, name = "Linked", userId = user.Id, voicemail = new { pin = "1234" } });
        var id = created.GetProperty("extension").GetProperty("id").GetInt64();
        Assert.Equal(user.Id, created.GetProperty("extension").GetProperty("userId").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{user.Id}")).StatusCode);
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/extensions/{id}");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("userId").ValueKind);

        using var missing = await admin.PostAsJsonAsync("/api/extensions", new { number = TelephonyClient.NewNumber(), name = "Ghost", userId = 987654321, voicemail = new { pin = "1234" } });
        Assert.Equal(["does not exist"], (await Problem.ReadAsync(missing, HttpStatusCode.UnprocessableEntity, "validation_failed")).Errors["userId"]);
    }
}
