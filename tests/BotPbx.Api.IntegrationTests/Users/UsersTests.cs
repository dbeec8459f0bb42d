namespace BotPbx.Api.IntegrationTests.Users;

public sealed class UsersTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiFactory Api => fixture.Api;

    private static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task An_admin_creates_reads_updates_and_deletes_a_user()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var email = NewEmail();

        using var created = await admin.PostAsJsonAsync("/api/users",
            new { email = email.ToUpperInvariant(), name = "Alice Agent", role = "agent", password = "alice-password-123" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = (await created.Content.ReadFromJsonAsync<UserBody>())!;
        Assert.Equal(email, user.Email);
        Assert.Null(user.InitialPassword);
        Assert.Equal($"/api/users/{user.Id}", created.Headers.Location?.OriginalString);

        var read = await admin.GetFromJsonAsync<UserBody>($"/api/users/{user.Id}");
        Assert.Equal("Alice Agent", read!.Name);

        using var updated = await admin.PutAsJsonAsync($"/api/users/{user.Id}",
            new { email, name = "Alice Supervisor", role = "supervisor", disabled = false });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("supervisor", (await updated.Content.ReadFromJsonAsync<UserBody>())!.Role);

        using var deleted = await admin.DeleteAsync($"/api/users/{user.Id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problem.ReadAsync(await admin.GetAsync($"/api/users/{user.Id}"), HttpStatusCode.NotFound, "not_found");

        var audit = await admin.GetStringAsync("/api/audit?limit=500");
        foreach (var action in new[] { "user.created", "user.updated", "user.role_changed", "user.deleted" })
        {
            Assert.Contains($"\"action\":\"{action}\"", audit);
        }
    }

    [Fact]
    public async Task Without_a_password_the_server_generates_one_and_shows_it_once()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var email = NewEmail();

        using var created = await admin.PostAsJsonAsync("/api/users", new { email, name = "Gen", role = "agent" });
        var user = (await created.Content.ReadFromJsonAsync<UserBody>())!;

        Assert.NotNull(user.InitialPassword);
        Assert.True(user.InitialPassword!.Length >= 12);
        Assert.DoesNotContain("initialPassword", await admin.GetStringAsync($"/api/users/{user.Id}"));
        Assert.DoesNotContain(user.InitialPassword, await admin.GetStringAsync("/api/audit?limit=500"));
        using var signedIn = await Api.SignInAsync(email, user.InitialPassword);
    }

    [Fact]
    public async Task A_duplicate_email_is_a_conflict_on_create_and_on_update()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var first = NewEmail("first");
        using var a = await admin.PostAsJsonAsync("/api/users", new { email = first, name = "A", role = "agent" });
        using var b = await admin.PostAsJsonAsync("/api/users", new { email = NewEmail("second"), name = "B", role = "agent" });
        var second = (await b.Content.ReadFromJsonAsync<UserBody>())!;

        using var duplicate = await admin.PostAsJsonAsync("/api/users", new { email = first.ToUpperInvariant(), name = "C", role = "agent" });
        using var renamed = await admin.PutAsJsonAsync($"/api/users/{second.Id}", new { email = first, name = "B", role = "agent", disabled = false });

        await Problem.ReadAsync(duplicate, HttpStatusCode.Conflict, "conflict");
        await Problem.ReadAsync(renamed, HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task Invalid_fields_are_reported_together()
    {
        using var admin = await Api.SignInAsAdminAsync();

        using var response = await admin.PostAsJsonAsync("/api/users", new { email = "not-an-email", name = "x\ny", role = "boss", password = "short" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(new[] { "email", "name", "password", "role" }, problem.Errors.Keys.Order());
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted_disabled_or_delete_themself()
    {
        await using var database = await BotPbx.TestSupport.TestDatabase.CreateAsync();
        await using var api = await ApiFactory.StartAsync(database.ConnectionString);
        using var admin = await api.SignInAsAdminAsync();
        var me = (await admin.GetFromJsonAsync<MeBody>("/api/auth/me"))!;

        using var demote = await admin.PutAsJsonAsync($"/api/users/{me.Id}", new { me.Email, me.Name, role = "agent", disabled = false });
        using var disable = await admin.PutAsJsonAsync($"/api/users/{me.Id}", new { me.Email, me.Name, role = "admin", disabled = true });
        using var delete = await admin.DeleteAsync($"/api/users/{me.Id}");

        await Problem.ReadAsync(demote, HttpStatusCode.Conflict, "conflict");
        await Problem.ReadAsync(disable, HttpStatusCode.Conflict, "conflict");
        await Problem.ReadAsync(delete, HttpStatusCode.Conflict, "conflict");

        // With a second admin, the first may step down.
        using var second = await admin.PostAsJsonAsync("/api/users", new { email = NewEmail("admin"), name = "Second", role = "admin" });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        using var stepDown = await admin.PutAsJsonAsync($"/api/users/{me.Id}", new { me.Email, me.Name, role = "supervisor", disabled = false });
        Assert.Equal(HttpStatusCode.OK, stepDown.StatusCode);
    }

    [Fact]
    public async Task Resetting_a_password_returns_a_new_one_and_signs_the_user_out_everywhere()
    {
        var (client, user) = await Api.CreateSignedInUserAsync("agent");
        using (client)
        {
            using var admin = await Api.SignInAsAdminAsync();
            using var reset = await admin.PostAsync($"/api/users/{user.Id}/reset-password", null);

            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            var password = (await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!;
            Assert.True(password.Length >= 12);
            await Problem.ReadAsync(await client.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "unauthorized");
            using var again = await Api.SignInAsync(user.Email, password);
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/auth/me")).StatusCode);
            Assert.DoesNotContain(password, await admin.GetStringAsync("/api/audit?limit=500"));
        }
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_sessions_at_once()
    {
        var (client, user) = await Api.CreateSignedInUserAsync("agent");
        using (client)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
            using var admin = await Api.SignInAsAdminAsync();
            using var disable = await admin.PutAsJsonAsync($"/api/users/{user.Id}", new { user.Email, user.Name, user.Role, disabled = true });
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);

            await Problem.ReadAsync(await client.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "unauthorized");
        }
    }

    [Fact]
    public async Task Deleting_a_user_ends_their_sessions_at_once()
    {
        var (client, user) = await Api.CreateSignedInUserAsync("supervisor");
        using (client)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
            using var admin = await Api.SignInAsAdminAsync();
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{user.Id}")).StatusCode);

            await Problem.ReadAsync(await client.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "unauthorized");
        }
    }

    [Fact]
    public async Task The_list_is_searchable_paged_and_counts_every_match()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            using var created = await admin.PostAsJsonAsync("/api/users", new { email = $"list{i}-{tag}@example.test", name = $"List {i}", role = "agent" });
        }

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/users?search={tag}&limit=2&offset=0");
        var rest = await admin.GetFromJsonAsync<JsonElement>($"/api/users?search={tag}&limit=2&offset=2");

        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal(1, rest.GetProperty("items").GetArrayLength());
        var none = await admin.GetFromJsonAsync<JsonElement>("/api/users?search=%25_nobody_%25");
        Assert.Equal(0, none.GetProperty("total").GetInt32());
        var problem = await Problem.ReadAsync(await admin.GetAsync("/api/users?limit=501"), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("limit", problem.Errors.Keys);
    }

    [Fact]
    public async Task No_response_ever_contains_a_password_hash()
    {
        using var admin = await Api.SignInAsAdminAsync();
        using var created = await admin.PostAsJsonAsync("/api/users", new { email = NewEmail(), name = "H", role = "agent", password = "hash-me-please-123" });
        var user = (await created.Content.ReadFromJsonAsync<UserBody>())!;
        var bodies = new List<string>
        {
            await created.Content.ReadAsStringAsync(),
            await admin.GetStringAsync("/api/users?limit=500"),
            await admin.GetStringAsync($"/api/users/{user.Id}"),
            await admin.GetStringAsync("/api/auth/me"),
            await admin.GetStringAsync("/api/audit?limit=500"),
        };
        using var updated = await admin.PutAsJsonAsync($"/api/users/{user.Id}", new { user.Email, user.Name, user.Role, disabled = false });
        bodies.Add(await updated.Content.ReadAsStringAsync());

        foreach (var body in bodies)
        {
            Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
            // Identity's v3 hash format starts with 0x01 → base64 "AQAAAA".
            Assert.DoesNotContain("AQAAAA", body, StringComparison.Ordinal);
            Assert.DoesNotContain("hash-me-please-123", body, StringComparison.Ordinal);
        }
    }
}
