using BotPbx.TestSupport;
using Npgsql;

namespace BotPbx.Api.IntegrationTests.Status;

/// <summary>
/// The API reaches PostgreSQL through a relay the test can cut, as when the database restarts or the network drops.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TcpForwarder _relay = null!;
    private ApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var direct = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        _relay = new TcpForwarder(direct.Host!, direct.Port);
        var relayed = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Host = "127.0.0.1", Port = _relay.Port, Timeout = 5 };
        _api = await ApiFactory.StartAsync(relayed.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _relay.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task While_the_database_is_away_requests_get_503_and_the_service_recovers_by_itself()
    {
        using var admin = await _api.SignInAsAdminAsync();
        using var anonymous = _api.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/users")).StatusCode);

        _relay.Cut();

        using var during = await admin.GetAsync("/api/users");
        await Problem.ReadAsync(during, HttpStatusCode.ServiceUnavailable, "database_unavailable");
        Assert.NotNull(during.Headers.RetryAfter);
        using var health = await anonymous.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("""{"status":"degraded","database":"down"}""", await health.Content.ReadAsStringAsync());

        _relay.Restore();

        // The first request after the relay returns may still meet a pooled connection that died with it; within a
        // few attempts the pool has replaced them. Bounded: 50 tries.
        var recovered = false;
        for (var attempt = 0; attempt < 50 && !recovered; attempt++)
        {
            using var response = await admin.GetAsync("/api/users");
            recovered = response.StatusCode == HttpStatusCode.OK;
            if (!recovered)
            {
                await Problem.ReadAsync(response, HttpStatusCode.ServiceUnavailable, "database_unavailable");
                await Task.Delay(200);
            }
        }
        Assert.True(recovered, "the API did not recover after the database came back");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/auth/me")).StatusCode);
    }
}
