using BotPbx.TestSupport;
using Npgsql;

namespace BotPbx.Api.IntegrationTests.Status;

public sealed class StartupTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task With_an_unreachable_database_the_service_says_where_it_looked_and_exits_non_zero()
    {
        var port = ApiProcess.FreePort();

        var result = await ApiProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["BOTPBX_DATABASE_URL"] = $"postgresql://botpbx:Sup3r-Secret-Pw@127.0.0.1:{port}/botpbx_missing",
            ["Database__StartupTimeoutSeconds"] = "2",
        }, Limit);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Output.Split('\n'), l => l.Contains("Cannot connect to PostgreSQL", StringComparison.Ordinal));
        Assert.Contains($"127.0.0.1:{port}", line);
        Assert.Contains("botpbx_missing", line);
        Assert.Contains("refused", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Sup3r-Secret-Pw", result.Output);
        Assert.DoesNotContain("   at ", result.Output);
    }

    [Fact]
    public async Task With_a_wrong_database_password_the_service_exits_at_once_without_printing_it()
    {
        var builder = new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString) { Password = "Wrong-Pw-4711" };

        var result = await ApiProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["BOTPBX_DATABASE_URL"] = $"postgresql://{builder.Username}:Wrong-Pw-4711@{builder.Host}:{builder.Port}/postgres",
            ["Database__StartupTimeoutSeconds"] = "60",
        }, Limit);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("28P01", result.Output);
        Assert.DoesNotContain("Wrong-Pw-4711", result.Output);
    }

    [Fact]
    public async Task Without_any_database_setting_the_service_names_the_variable_to_set()
    {
        var result = await ApiProcess.RunUntilExitAsync(new Dictionary<string, string>(), Limit);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("BOTPBX_DATABASE_URL", result.Output);
    }

    [Fact]
    public async Task A_too_short_BOTPBX_ADMIN_PASSWORD_stops_the_first_start()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await ApiProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["BOTPBX_DATABASE_URL"] = database.ConnectionString,
            ["BOTPBX_ADMIN_PASSWORD"] = "admin",
        }, Limit);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("BOTPBX_ADMIN_PASSWORD must be at least 12 characters", result.Output);
    }

    [Fact]
    public async Task Two_services_starting_together_on_a_new_database_migrate_once_create_one_admin_and_both_serve()
    {
        await using var database = await TestDatabase.CreateAsync();
        var environment = new Dictionary<string, string>
        {
            ["BOTPBX_DATABASE_URL"] = database.ConnectionString,
            ["BOTPBX_ADMIN_EMAIL"] = "first@example.test",
            ["BOTPBX_ADMIN_PASSWORD"] = "first-admin-password",
        };

        var started = await Task.WhenAll(ApiProcess.StartAsync(environment, Limit), ApiProcess.StartAsync(environment, Limit));
        try
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var users = new NpgsqlCommand("SELECT count(*) FROM users", connection);
            Assert.Equal(1L, await users.ExecuteScalarAsync());
            await using var migrations = new NpgsqlCommand("SELECT count(*) FROM schema_migrations WHERE name = '0001_foundation'", connection);
            Assert.Equal(1L, await migrations.ExecuteScalarAsync());

            // A token issued by one process is accepted by the other: they share the key ring in the database.
            using var http = new HttpClient();
            using var login = await http.PostAsJsonAsync(new Uri($"http://127.0.0.1:{started[0].Port}/api/auth/login"),
                new { email = "first@example.test", password = "first-admin-password" });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var token = (await login.Content.ReadFromJsonAsync<LoginBody>())!.Token;
            using var me = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{started[1].Port}/api/auth/me"));
            me.Headers.Authorization = new global::System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var answer = await http.SendAsync(me);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
        finally
        {
            foreach (var (process, _) in started) ApiProcess.Stop(process);
        }
    }
}
