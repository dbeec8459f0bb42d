using System.Net.Sockets;

namespace BotPbx.Api.IntegrationTests.Asterisk;

/// <summary>AMI is configured but nothing listens there: the Asterisk endpoints answer 503 asterisk_unavailable and change nothing.</summary>
public sealed class AsteriskUnreachableTests(AsteriskUnreachableTests.Fixture fixture) : IClassFixture<AsteriskUnreachableTests.Fixture>
{
    public sealed class Fixture : ApiFixture
    {
        private static readonly int ClosedPort = FreePort();

        public string ConfigDir { get; } = Path.Combine(Path.GetTempPath(), "botpbx-unreachable-" + Guid.NewGuid().ToString("N"));

        protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
        {
            ["AMI_HOST"] = "127.0.0.1",
            ["AMI_PORT"] = ClosedPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AMI_USER"] = "botpbx",
            ["AMI_SECRET"] = "ami-Secret-for-tests-123",
            ["ASTERISK_CONFIG_DIR"] = ConfigDir,
        };

        private static int FreePort()
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    [Fact]
    public async Task Apply_answers_503_without_touching_the_files()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        await Telephony.TelephonyClient.CreateExtensionAsync(admin);
        using var response = await admin.PostAsync("/api/system/asterisk/reload", null);
        var problem = await Problem.ReadAsync(response, HttpStatusCode.ServiceUnavailable, "asterisk_unavailable");
        Assert.Contains("AMI", problem.Detail, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(fixture.ConfigDir, "botpbx")));
    }

    [Fact]
    public async Task Testing_a_trunk_answers_503()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var trunk = await Telephony.TelephonyClient.CreateTrunkAsync(admin);
        await Problem.ReadAsync(await admin.PostAsync($"/api/trunks/{trunk}/test", null), HttpStatusCode.ServiceUnavailable, "asterisk_unavailable");
    }

    [Fact]
    public async Task Saving_an_extension_still_works_when_the_phone_overrides_cannot_be_cleared()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var (id, number, _) = await Telephony.TelephonyClient.CreateExtensionAsync(admin);
        using var response = await admin.PutAsJsonAsync($"/api/extensions/{id}", new { doNotDisturb = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(number, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString());
    }
}
