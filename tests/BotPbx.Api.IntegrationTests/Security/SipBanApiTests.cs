using BotPbx.Api.IntegrationTests.Telephony;
using BotPbx.TestSupport.Asterisk;
using Npgsql;

namespace BotPbx.Api.IntegrationTests.Security;

/// <summary>
/// SIP brute-force protection through the API, with the scripted AMI peer sending Asterisk's security events as
/// recorded (fixture ami-events-registration-wrong-password). Each test uses its own sender addresses.
/// </summary>
public sealed class SipBanApiTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private static int _nextAddress = 10;

    private ApiFactory Api => fixture.Api;

    private string BanFile => Path.Combine(fixture.AsteriskDir, "botpbx-runtime", "pjsip_bans.conf");

    /// <summary>A TEST-NET-3 address no other test of this class uses.</summary>
    private static string NewAddress() => "203.0.113." + Interlocked.Increment(ref _nextAddress).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<HttpClient> AdminConnectedAsync()
    {
        var admin = await Api.SignInAsAdminAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await fixture.Ami.WaitForLoginsAsync(1, cts.Token);
        return admin;
    }

    private Task FailAsync(string address, string eventName = "ChallengeResponseFailed", string service = "PJSIP", string account = "2001") =>
        fixture.Ami.PushEventAsync(FakeAmiReplies.Event(eventName, ("Privilege", "security,all"), ("EventTV", "2026-12-07T12:00:00.000+0000"),
            ("Severity", "Error"), ("Service", service), ("EventVersion", "1"), ("AccountID", account), ("SessionID", Guid.NewGuid().ToString()),
            ("LocalAddress", "IPV4/UDP/127.0.0.1/5060"), ("RemoteAddress", $"IPV4/UDP/{address}/5062")), CancellationToken.None);

    private static async Task<JsonElement[]> BansAsync(HttpClient admin, string status = "active")
    {
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/security/sip-bans?status=" + status + "&limit=500");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private static async Task<JsonElement> WaitForBanAsync(HttpClient admin, string address)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var ban = (await BansAsync(admin)).FirstOrDefault(b => b.GetProperty("address").GetString() == address);
            if (ban.ValueKind == JsonValueKind.Object) return ban;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{address} was not banned within 20 s");
    }

    private async Task<string> BanFileTextAsync() => File.Exists(BanFile) ? await File.ReadAllTextAsync(BanFile) : "";

    private static async Task<IReadOnlyList<JsonElement>> AuditAsync(HttpClient admin, string action, string target) =>
        [.. (await admin.GetFromJsonAsync<JsonElement>("/api/audit?limit=500")).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == action && e.GetProperty("target").GetString() == target)];

    [Fact]
    public async Task Five_wrong_passwords_ban_the_sender_in_the_ACL_reload_res_pjsip_and_are_audited()
    {
        using var admin = await AdminConnectedAsync();
        var attacker = NewAddress();
        var reloadsBefore = fixture.Ami.Requests.Count(r => r.IsAction("Reload") && r["Module"] == "res_pjsip.so");

        for (var i = 0; i < 5; i++) await FailAsync(attacker, account: "2001");
        var ban = await WaitForBanAsync(admin, attacker);
        // The row comes first; the file, the reload and then the audit entry follow it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline && (await AuditAsync(admin, "sip.banned", attacker)).Count == 0) await Task.Delay(100);

        Assert.True(ban.GetProperty("active").GetBoolean());
        Assert.Equal(5, ban.GetProperty("failures").GetInt32());
        Assert.Equal("2001", ban.GetProperty("lastAccount").GetString());
        Assert.Equal("ChallengeResponseFailed", ban.GetProperty("lastEvent").GetString());
        var span = ban.GetProperty("expiresAt").GetDateTimeOffset() - ban.GetProperty("bannedAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(1), span);
        Assert.Contains("\n[botpbx-bans]\ntype=acl\n", await BanFileTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"deny={attacker}/32\n", await BanFileTextAsync(), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(BanFile));
        Assert.True(fixture.Ami.Requests.Count(r => r.IsAction("Reload") && r["Module"] == "res_pjsip.so") > reloadsBefore);
        var audit = Assert.Single(await AuditAsync(admin, "sip.banned", attacker));
        Assert.Equal(JsonValueKind.Null, audit.GetProperty("actorId").ValueKind);
    }

    [Fact]
    public async Task Fewer_failures_other_services_allow_listed_senders_and_successes_ban_nobody()
    {
        using var admin = await AdminConnectedAsync();
        var fewer = NewAddress();
        var ami = NewAddress();
        var challenged = NewAddress();

        for (var i = 0; i < 4; i++) await FailAsync(fewer);
        for (var i = 0; i < 10; i++)
        {
            await FailAsync(ami, "InvalidPassword", service: "AMI");
            await FailAsync(challenged, "ChallengeSent");
            await FailAsync("127.0.0.1");
        }
        // A marker that does get banned: once it is, every event before it has been counted.
        var marker = NewAddress();
        for (var i = 0; i < 5; i++) await FailAsync(marker, "InvalidAccountID", account: "scanner");
        await WaitForBanAsync(admin, marker);

        var banned = (await BansAsync(admin)).Select(b => b.GetProperty("address").GetString()).ToList();
        Assert.DoesNotContain(fewer, banned);
        Assert.DoesNotContain(ami, banned);
        Assert.DoesNotContain(challenged, banned);
        Assert.DoesNotContain("127.0.0.1", banned);
        Assert.DoesNotContain("deny=127.0.0.1/", await BanFileTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_unbans_an_address_the_ACL_drops_it_and_the_unban_is_audited_with_the_admin()
    {
        using var admin = await AdminConnectedAsync();
        var attacker = NewAddress();
        for (var i = 0; i < 5; i++) await FailAsync(attacker);
        var id = (await WaitForBanAsync(admin, attacker)).GetProperty("id").GetInt64();

        using var response = await admin.DeleteAsync($"/api/security/sip-bans/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lifted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(lifted.GetProperty("active").GetBoolean());
        Assert.Equal("unbanned", lifted.GetProperty("liftReason").GetString());
        Assert.DoesNotContain($"deny={attacker}/", await BanFileTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await BansAsync(admin), b => b.GetProperty("address").GetString() == attacker);
        Assert.Contains(await BansAsync(admin, "all"), b => b.GetProperty("id").GetInt64() == id);
        var audit = Assert.Single(await AuditAsync(admin, "sip.unbanned", attacker));
        Assert.Equal(ApiFactory.AdminEmail, audit.GetProperty("actorEmail").GetString());

        using var again = await admin.DeleteAsync($"/api/security/sip-bans/{id}");
        await Problem.ReadAsync(again, HttpStatusCode.NotFound, "not_found");

        // Its count starts from zero: four more failures do not ban it again.
        for (var i = 0; i < 4; i++) await FailAsync(attacker);
        var marker = NewAddress();
        for (var i = 0; i < 5; i++) await FailAsync(marker);
        await WaitForBanAsync(admin, marker);
        Assert.DoesNotContain(await BansAsync(admin), b => b.GetProperty("address").GetString() == attacker);
    }

    [Fact]
    public async Task A_ban_whose_time_is_up_is_lifted_by_itself_and_audited()
    {
        using var admin = await AdminConnectedAsync();
        var attacker = NewAddress();
        for (var i = 0; i < 5; i++) await FailAsync(attacker);
        var id = (await WaitForBanAsync(admin, attacker)).GetProperty("id").GetInt64();

        // Shorten it in the database to a second from now (the shortest configurable ban is a minute).
        await using (var connection = new NpgsqlConnection(fixture.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE sip_bans SET expires_at = now() + interval '1 second' WHERE id = $1", connection);
            command.Parameters.AddWithValue(id);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonElement ban = default;
        while (DateTime.UtcNow < deadline)
        {
            ban = (await BansAsync(admin, "all")).Single(b => b.GetProperty("id").GetInt64() == id);
            if (ban.GetProperty("liftReason").ValueKind == JsonValueKind.String && !(await BanFileTextAsync()).Contains(attacker, StringComparison.Ordinal)) break;
            await Task.Delay(250);
        }
        Assert.Equal("expired", ban.GetProperty("liftReason").GetString());
        Assert.DoesNotContain($"deny={attacker}/", await BanFileTextAsync(), StringComparison.Ordinal);
        Assert.Single(await AuditAsync(admin, "sip.ban_expired", attacker));
    }

    [Fact]
    public async Task Bans_survive_a_restart_the_restarted_service_writes_them_again()
    {
        using var admin = await AdminConnectedAsync();
        var attacker = NewAddress();
        for (var i = 0; i < 5; i++) await FailAsync(attacker);
        await WaitForBanAsync(admin, attacker);
        File.Delete(BanFile);

        // A second process on the same database and folder, as after a restart.
        await using var restarted = await ApiFactory.StartAsync(fixture.Database.ConnectionString, new Dictionary<string, string?>
        {
            ["ASTERISK_CONFIG_DIR"] = fixture.AsteriskDir,
            ["ASTERISK_SOUNDS"] = Path.Combine(fixture.AsteriskDir, "lib", "sounds"),
        });
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline && !(await BanFileTextAsync()).Contains($"deny={attacker}/32", StringComparison.Ordinal)) await Task.Delay(100);

        Assert.Contains($"deny={attacker}/32", await BanFileTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_have_sane_defaults_and_are_validated_strictly()
    {
        using var admin = await AdminConnectedAsync();

        var defaults = await admin.GetFromJsonAsync<JsonElement>("/api/security/sip-protection");
        Assert.True(defaults.GetProperty("enabled").GetBoolean());
        Assert.Equal(5, defaults.GetProperty("maxFailures").GetInt32());
        Assert.Equal(60, defaults.GetProperty("windowSeconds").GetInt32());
        Assert.Equal(3600, defaults.GetProperty("banSeconds").GetInt32());
        Assert.Equal(["127.0.0.1/32", "::1/128"], defaults.GetProperty("allowList").EnumerateArray().Select(e => e.GetString()));

        using var bad = await admin.PutAsJsonAsync("/api/security/sip-protection", new
        {
            enabled = true, maxFailures = 0, windowSeconds = 60, banSeconds = 10,
            allowList = new[] { "10.0.0.0/8", "10.0.0.1/8", "1.2.3", "example.com", "::1/129", "1.2.3.4;deny=0.0.0.0/0" },
        });
        var problem = await Problem.ReadAsync(bad, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["allowList[1]", "allowList[2]", "allowList[3]", "allowList[4]", "allowList[5]", "banSeconds", "maxFailures"],
            problem.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("10.0.0.0/8", problem.Errors["allowList[1]"][0], StringComparison.Ordinal);

        using var missing = await admin.PutAsJsonAsync("/api/security/sip-protection", new { enabled = true });
        var missingProblem = await Problem.ReadAsync(missing, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["allowList", "banSeconds", "maxFailures", "windowSeconds"], missingProblem.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Allow_listing_a_banned_address_lifts_its_ban_and_a_disabled_protection_bans_nobody()
    {
        using var admin = await AdminConnectedAsync();
        var attacker = NewAddress();
        for (var i = 0; i < 5; i++) await FailAsync(attacker);
        var id = (await WaitForBanAsync(admin, attacker)).GetProperty("id").GetInt64();

        try
        {
            using var saved = await admin.PutAsJsonAsync("/api/security/sip-protection", new
            {
                enabled = true, maxFailures = 5, windowSeconds = 60, banSeconds = 3600,
                allowList = new[] { "127.0.0.1", "203.0.113.0/24", "2001:DB8::/32", "203.0.113.0/24" },
            });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal(["127.0.0.1/32", "203.0.113.0/24", "2001:db8::/32"],
                (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("allowList").EnumerateArray().Select(e => e.GetString()));
            var ban = (await BansAsync(admin, "all")).Single(b => b.GetProperty("id").GetInt64() == id);
            Assert.Equal("allow_listed", ban.GetProperty("liftReason").GetString());
            Assert.DoesNotContain($"deny={attacker}/", await BanFileTextAsync(), StringComparison.Ordinal);
            Assert.Single(await AuditAsync(admin, "sip.ban_allow_listed", attacker));
            Assert.NotEmpty(await AuditAsync(admin, "settings.changed", "sip_protection"));

            using var off = await admin.PutAsJsonAsync("/api/security/sip-protection", new
            {
                enabled = false, maxFailures = 5, windowSeconds = 60, banSeconds = 3600, allowList = Array.Empty<string>(),
            });
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
            var ignored = "198.51.100.77";
            for (var i = 0; i < 10; i++) await FailAsync(ignored);
            await Task.Delay(1000);
            Assert.DoesNotContain(await BansAsync(admin), b => b.GetProperty("address").GetString() == ignored);
        }
        finally
        {
            using var restore = await admin.PutAsJsonAsync("/api/security/sip-protection", new
            {
                enabled = true, maxFailures = 5, windowSeconds = 60, banSeconds = 3600, allowList = new[] { "127.0.0.1/32", "::1/128" },
            });
        }
    }

    [Fact]
    public async Task Listing_refuses_an_unknown_status()
    {
        using var admin = await AdminConnectedAsync();
        using var response = await admin.GetAsync("/api/security/sip-bans?status=banned");
        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.Errors!.ContainsKey("status"));
    }
}
