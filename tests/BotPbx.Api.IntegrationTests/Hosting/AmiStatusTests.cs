using System.Net.Http.Json;
using System.Text.Json;
using BotPbx.TestSupport;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Api.IntegrationTests.Hosting;

/// <summary>The status page follows the AMI connection through an Asterisk restart (issue 3).</summary>
public sealed class AmiStatusTests : IAsyncLifetime
{
    private const string Secret = "ami-secret-for-status-tests";
    private readonly FakeAmiServer _ami = FakeAmiServer.Start(new FakeAmiServerOptions { Username = "botpbx", Secret = Secret });
    private TestDatabase _database = null!;
    private ApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _api = await ApiFactory.StartAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["AMI_HOST"] = _ami.Host,
            ["AMI_PORT"] = _ami.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AMI_USER"] = "botpbx",
            ["AMI_SECRET"] = Secret,
        });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _ami.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Status_shows_AMI_connected_and_connected_again_after_Asterisk_restarts()
    {
        using var admin = await _api.SignInAsAdminAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var connected = await WaitForAmiStateAsync(admin, "connected", timeout.Token);
        Assert.Equal(_ami.Host, connected.GetProperty("host").GetString());
        Assert.Equal(_ami.Port, connected.GetProperty("port").GetInt32());
        Assert.False(connected.TryGetProperty("secret", out _));

        var loginsBefore = _ami.LoginCount;
        await _ami.RestartAsync(TimeSpan.FromMilliseconds(400), timeout.Token);
        await _ami.WaitForLoginsAsync(loginsBefore + 1, timeout.Token);

        var reconnected = await WaitForAmiStateAsync(admin, "connected", timeout.Token);
        // A new connection, not the old one reported again: the state's timestamp moved on.
        Assert.True(reconnected.GetProperty("since").GetDateTimeOffset() > connected.GetProperty("since").GetDateTimeOffset());
    }

    private static async Task<JsonElement> WaitForAmiStateAsync(HttpClient admin, string state, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await admin.GetFromJsonAsync<JsonElement>("/api/system/status", cancellationToken);
            var ami = status.GetProperty("asterisk").GetProperty("ami");
            if (ami.GetProperty("state").GetString() == state) return ami;
            await Task.Delay(50, cancellationToken);
        }
    }
}
