using BotPbx.TestSupport;
using Npgsql;

namespace BotPbx.Api.IntegrationTests.Status;

public sealed class InternalErrorTests
{
    [Fact]
    public async Task An_unexpected_failure_is_a_500_problem_that_reveals_nothing_but_is_logged()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var api = await ApiFactory.StartAsync(database.ConnectionString);
        using var admin = await api.SignInAsAdminAsync();
        // A bug-shaped failure: the query's table is gone (not an outage, so not a 503).
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP TABLE settings", connection);
            await drop.ExecuteNonQueryAsync();
        }

        using var response = await admin.GetAsync("/api/settings");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.InternalServerError, "internal_error");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("relation", body);
        Assert.DoesNotContain("42P01", body);
        Assert.DoesNotContain("Npgsql", body);
        Assert.DoesNotContain("   at ", body);
        Assert.Contains(api.Logs.Messages, m => m.Contains("42P01", StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(problem.TraceId));
    }
}
