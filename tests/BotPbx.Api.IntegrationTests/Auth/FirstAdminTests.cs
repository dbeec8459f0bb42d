using BotPbx.TestSupport;

namespace BotPbx.Api.IntegrationTests.Auth;

public sealed class FirstAdminTests
{
    [Fact]
    public async Task The_first_admin_gets_the_password_from_BOTPBX_ADMIN_PASSWORD_and_it_is_never_logged()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var api = await ApiFactory.StartAsync(database.ConnectionString, new Dictionary<string, string?>
        {
            ["BOTPBX_ADMIN_EMAIL"] = "Owner@Example.Test",
            ["BOTPBX_ADMIN_PASSWORD"] = "owner-chose-this-password",
        });

        using var admin = await api.SignInAsync("owner@example.test", "owner-chose-this-password");

        Assert.Equal("admin", (await admin.GetFromJsonAsync<MeBody>("/api/auth/me"))!.Role);
        Assert.DoesNotContain(api.Logs.Messages, m => m.Contains("owner-chose-this-password", StringComparison.Ordinal));
        var audit = await admin.GetStringAsync("/api/audit?limit=500");
        Assert.Contains("\"passwordSource\":\"BOTPBX_ADMIN_PASSWORD\"", audit);
        Assert.DoesNotContain("owner-chose-this-password", audit);
    }

    [Fact]
    public async Task Without_BOTPBX_ADMIN_PASSWORD_a_random_password_is_printed_once_and_not_audited()
    {
        await using var database = await TestDatabase.CreateAsync();
        var noPassword = new Dictionary<string, string?> { ["BOTPBX_ADMIN_PASSWORD"] = "" };
        string password;
        await using (var first = await ApiFactory.StartAsync(database.ConnectionString, noPassword))
        {
            var line = Assert.Single(first.Logs.Messages, m => m.Contains("password: ", StringComparison.Ordinal));
            password = line.Split("password: ")[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            Assert.True(password.Length >= 20);
            Assert.Single(first.Logs.Messages, m => m.Contains(password, StringComparison.Ordinal));

            using var admin = await first.SignInAsync(ApiFactory.AdminEmail, password);
            Assert.DoesNotContain(password, await admin.GetStringAsync("/api/audit?limit=500"));
        }

        await using var second = await ApiFactory.StartAsync(database.ConnectionString, noPassword);
        Assert.DoesNotContain(second.Logs.Messages, m => m.Contains("password: ", StringComparison.Ordinal));
        using var again = await second.SignInAsync(ApiFactory.AdminEmail, password);
    }
}
