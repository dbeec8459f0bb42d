namespace BotPbx.Api.IntegrationTests.Telephony;

/// <summary>POST /api/system/asterisk/reload against the scripted AMI peer; answers as in fixture ami-events-reloads / ami-reload-in-progress-*.</summary>
public sealed class ApplyApiTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private ApiFactory Api => fixture.Api;

    private async Task<HttpClient> AdminConnectedAsync()
    {
        var admin = await Api.SignInAsAdminAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await fixture.Ami.WaitForLoginsAsync(1, cts.Token);
        return admin;
    }

    private static async Task<JsonElement> ApplyAsync(HttpClient admin)
    {
        using var response = await admin.PostAsync("/api/system/asterisk/reload", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static IEnumerable<JsonElement> Modules(JsonElement report) => report.GetProperty("modules").EnumerateArray();

    [Fact]
    public async Task Applying_writes_the_files_reloads_over_AMI_and_clears_pending_changes()
    {
        using var admin = await AdminConnectedAsync();
        var (_, number, _) = await admin.CreateExtensionAsync();
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/system/asterisk")).GetProperty("pendingChanges").GetBoolean());

        var report = await ApplyAsync(admin);

        Assert.True(report.GetProperty("success").GetBoolean());
        Assert.Contains($"[{number}]", await File.ReadAllTextAsync(Path.Combine(fixture.BotPbxDir, "pjsip.conf")));
        Assert.Contains("[botpbx]\nsecret=" + TelephonyFixture.AmiSecret, await File.ReadAllTextAsync(Path.Combine(fixture.BotPbxDir, "manager.conf")));
        Assert.Contains(fixture.Ami.Requests, r => r.IsAction("Reload") && r["Module"] == "res_pjsip.so");
        var state = await admin.GetFromJsonAsync<JsonElement>("/api/system/asterisk");
        Assert.False(state.GetProperty("pendingChanges").GetBoolean());
        Assert.Equal("connected", state.GetProperty("ami").GetProperty("state").GetString());
        var live = state.GetProperty("live");
        Assert.Equal("22.10.1", live.GetProperty("version").GetString());
        Assert.Equal(221, live.GetProperty("uptimeSeconds").GetInt64());
        Assert.Equal(42, live.GetProperty("modulesLoaded").GetInt32());
        Assert.True(state.GetProperty("lastApply").GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task A_reload_in_progress_is_retried_and_reported_per_module()
    {
        using var admin = await AdminConnectedAsync();
        await admin.CreateExtensionAsync();
        fixture.ReloadAnswers["res_pjsip.so"] = new(["A reload is in progress", "A reload is in progress"]);

        var report = await ApplyAsync(admin);

        Assert.True(report.GetProperty("success").GetBoolean());
        var pjsip = Modules(report).Single(m => m.GetProperty("module").GetString() == "res_pjsip.so");
        Assert.Equal("reloaded", pjsip.GetProperty("status").GetString());
        Assert.Equal(3, pjsip.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_failed_reload_restores_the_previous_files_and_keeps_changes_pending()
    {
        using var admin = await AdminConnectedAsync();
        await ApplyAsync(admin);
        var queueNumber = TelephonyClient.NewNumber();
        await admin.CreateAsync("/api/queues", new { number = queueNumber, name = "Doomed" });
        fixture.ReloadAnswers["app_queue.so"] = new(["Unable to reload"]);

        var report = await ApplyAsync(admin);

        Assert.False(report.GetProperty("success").GetBoolean());
        Assert.True(report.GetProperty("rolledBack").GetBoolean());
        Assert.Equal("failed", Modules(report).Single(m => m.GetProperty("module").GetString() == "app_queue.so").GetProperty("status").GetString());
        Assert.DoesNotContain($"[{queueNumber}]", await File.ReadAllTextAsync(Path.Combine(fixture.BotPbxDir, "queues.conf")));
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/system/asterisk")).GetProperty("pendingChanges").GetBoolean());
    }

    [Fact]
    public async Task Only_admins_apply_and_supervisors_read_the_state()
    {
        var (supervisor, _) = await Api.CreateSignedInUserAsync("supervisor");
        using (supervisor)
        {
            Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/system/asterisk")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync("/api/system/asterisk/reload", null)).StatusCode);
        }
    }

    [Fact]
    public async Task Testing_a_trunk_reports_its_registration_and_reachability_live()
    {
        using var admin = await AdminConnectedAsync();
        var trunk = await admin.CreateTrunkAsync();
        fixture.Registrations[$"botpbx-trunk-{trunk}"] = "Registered";
        using var response = await admin.PostAsync($"/api/trunks/{trunk}/test", null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Registered", body.GetProperty("registration").GetString());
        Assert.Equal("Reachable", body.GetProperty("reachability").GetString());
        Assert.Equal(12.0, body.GetProperty("roundtripMs").GetDouble());
        Assert.Equal("Registered with the provider.", body.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Changing_dnd_in_the_admin_clears_what_a_phone_set_with_the_feature_code()
    {
        using var admin = await AdminConnectedAsync();
        var (id, number, _) = await admin.CreateExtensionAsync();
        using var updated = await admin.PutAsJsonAsync($"/api/extensions/{id}", new { number, name = "Quiet", doNotDisturb = true, voicemail = new { pin = "1234" } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var deletes = fixture.Ami.Requests.Where(r => r.IsAction("DBDel") && r["Family"] == "BOTPBX").Select(r => r["Key"]).ToList();
        Assert.Contains($"{number}/dnd", deletes);
        Assert.DoesNotContain($"{number}/cfa", deletes);
    }
}
