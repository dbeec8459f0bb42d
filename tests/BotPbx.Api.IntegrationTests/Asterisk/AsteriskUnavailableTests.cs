using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Api.IntegrationTests.Asterisk;

/// <summary>
/// When Asterisk goes silent, drops the connection or refuses over AMI, the endpoints that talk to it answer 503
/// <c>asterisk_unavailable</c> with a message saying what happened and <c>Retry-After</c>, never 500.
/// </summary>
public sealed class AsteriskUnavailableTests(MisbehavingAsteriskFixture fixture) : IClassFixture<MisbehavingAsteriskFixture>
{
    private async Task<HttpClient> AdminConnectedAsync(int logins = 1)
    {
        var admin = await fixture.Api.SignInAsAdminAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await fixture.Ami.WaitForLoginsAsync(logins, cts.Token);
        await WaitConnectedAsync(admin);
        return admin;
    }

    private static async Task WaitConnectedAsync(HttpClient admin)
    {
        for (var i = 0; i < 100; i++)
        {
            var state = (await admin.GetFromJsonAsync<JsonElement>("/api/system/asterisk")).GetProperty("ami").GetProperty("state").GetString();
            if (state == "connected") return;
            await Task.Delay(100);
        }
        Assert.Fail("AMI did not reconnect");
    }

    private static async Task<Problem> UnavailableAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var problem = await Problem.ReadAsync(response, HttpStatusCode.ServiceUnavailable, "asterisk_unavailable");
            Assert.Equal("5", response.Headers.RetryAfter?.ToString());
            return problem;
        }
    }

    [Fact]
    public async Task Testing_a_trunk_while_Asterisk_is_silent_answers_503_after_the_action_timeout()
    {
        using var admin = await AdminConnectedAsync();
        var trunk = await Telephony.TelephonyClient.CreateTrunkAsync(admin);
        using (fixture.Misbehave("PJSIPShowRegistrationsOutbound", _ => []))
        {
            var problem = await UnavailableAsync(await admin.PostAsync($"/api/trunks/{trunk}/test", null));
            Assert.Contains("did not answer the AMI action PJSIPShowRegistrationsOutbound", problem.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Testing_a_trunk_when_Asterisk_refuses_the_action_answers_503_with_Asterisks_reason()
    {
        using var admin = await AdminConnectedAsync();
        var trunk = await Telephony.TelephonyClient.CreateTrunkAsync(admin);
        using (fixture.Misbehave("PJSIPShowRegistrationsOutbound", request => [FakeAmiReplies.Error(request, "Permission denied")]))
        {
            var problem = await UnavailableAsync(await admin.PostAsync($"/api/trunks/{trunk}/test", null));
            Assert.Equal("Asterisk refused the AMI action PJSIPShowRegistrationsOutbound: Permission denied.", problem.Detail);
        }
    }

    [Fact]
    public async Task A_trunk_with_no_contacts_is_tested_normally()
    {
        // res_pjsip answers an empty contact list with an error (issue 8): that is "no contact", not a failure.
        using var admin = await AdminConnectedAsync();
        var trunk = await Telephony.TelephonyClient.CreateTrunkAsync(admin);
        using (fixture.Misbehave("PJSIPShowContacts", request => [FakeAmiReplies.Error(request, "No Contacts found")]))
        {
            using var response = await admin.PostAsync($"/api/trunks/{trunk}/test", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(JsonValueKind.Null, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reachability").ValueKind);
        }
    }

    [Fact]
    public async Task Testing_a_trunk_when_Asterisk_drops_the_connection_answers_503_and_AMI_comes_back()
    {
        using var admin = await AdminConnectedAsync();
        var trunk = await Telephony.TelephonyClient.CreateTrunkAsync(admin);
        var logins = fixture.Ami.LoginCount;
        using (fixture.Misbehave("PJSIPShowRegistrationsOutbound", _ => [FakeAmiReplies.CloseConnection]))
        {
            var problem = await UnavailableAsync(await admin.PostAsync($"/api/trunks/{trunk}/test", null));
            Assert.Contains("cannot be reached over AMI", problem.Detail, StringComparison.Ordinal);
        }
        using var again = await AdminConnectedAsync(logins + 1);
        using var response = await again.PostAsync($"/api/trunks/{trunk}/test", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_apply_during_which_Asterisk_goes_silent_answers_503_restores_the_files_and_keeps_changes_pending()
    {
        using var admin = await AdminConnectedAsync();
        await admin.PostAsync("/api/system/asterisk/reload", null);
        var number = Telephony.TelephonyClient.NewNumber();
        await Telephony.TelephonyClient.CreateAsync(admin, "/api/queues", new { number, name = "Silent" });
        var started = DateTime.UtcNow;
        using (fixture.Misbehave("Reload", _ => []))
        {
            var problem = await UnavailableAsync(await admin.PostAsync("/api/system/asterisk/reload", null));
            Assert.Contains("did not answer the AMI action Reload", problem.Detail, StringComparison.Ordinal);
        }
        // Fail fast: one timeout, not one per module and per rollback reload.
        Assert.True(DateTime.UtcNow - started < MisbehavingAsteriskFixture.ActionTimeout * 4, $"took {DateTime.UtcNow - started}");
        Assert.DoesNotContain($"[{number}]", await File.ReadAllTextAsync(Path.Combine(fixture.BotPbxDir, "queues.conf")));
        var state = await admin.GetFromJsonAsync<JsonElement>("/api/system/asterisk");
        Assert.True(state.GetProperty("pendingChanges").GetBoolean());
        Assert.True(state.GetProperty("lastApply").GetProperty("rolledBack").GetBoolean());
    }

    [Fact]
    public async Task The_status_page_answers_while_Asterisk_is_silent_and_says_why_the_live_part_is_missing()
    {
        using var admin = await AdminConnectedAsync();
        using (fixture.Misbehave("CoreSettings", _ => []))
        {
            var state = await admin.GetFromJsonAsync<JsonElement>("/api/system/asterisk");
            Assert.Equal(JsonValueKind.Null, state.GetProperty("live").ValueKind);
            Assert.Contains("did not answer", state.GetProperty("liveError").GetString(), StringComparison.Ordinal);
        }
    }
}
