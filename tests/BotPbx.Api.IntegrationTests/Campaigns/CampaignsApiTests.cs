using System.Net.Http.Headers;
using BotPbx.Api.IntegrationTests.Telephony;

namespace BotPbx.Api.IntegrationTests.Campaigns;

/// <summary>/api/campaigns without an Asterisk: the form's validation, contacts (CSV, JSON, E.164, duplicates), do-not-call, the lifecycle, roles.</summary>
public sealed class CampaignsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private async Task<(HttpClient Admin, long Trunk, long Queue)> SetUpAsync()
    {
        var admin = await fixture.Api.SignInAsAdminAsync();
        var (agentId, _, _) = await admin.CreateExtensionAsync();
        return (admin, await admin.CreateTrunkAsync(), await admin.CreateQueueAsync(agentId));
    }

    private static object Campaign(long trunk, long queue, string? name = null, object? amd = null, object? schedule = null) => new
    {
        name = name ?? "Reminders " + TelephonyClient.NewNumber(),
        callerId = "+15551234567",
        trunkId = trunk,
        schedule = schedule ?? new { start = "09:00", end = "18:00", days = new[] { "mon", "tue", "wed", "thu", "fri" }, timeZone = "America/New_York" },
        concurrentCalls = 5,
        callsPerMinute = 20,
        answerTimeoutSeconds = 30,
        retry = new { attempts = 3, noAnswerDelaySeconds = 3600, busyDelaySeconds = 600, failedDelaySeconds = 1800 },
        amd = amd ?? new { enabled = true, initialSilence = 2500, greeting = 1500, afterGreetingSilence = 800, totalAnalysisTime = 5000, minWordLength = 100, betweenWordsSilence = 50, maximumWords = 3, silenceThreshold = 256 },
        onAnswer = new { type = "queue", target = queue.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        onVoicemail = new { action = "playRecording", text = "Please call us back about your appointment." },
    };

    private static async Task<long> CreateCampaignAsync(HttpClient admin, long trunk, long queue) =>
        (await admin.CreateAsync("/api/campaigns", Campaign(trunk, queue))).GetProperty("id").GetInt64();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private static Task<HttpResponseMessage> UploadCsvAsync(HttpClient client, long campaign, string csv)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "contacts.csv");
        return client.PostAsync($"/api/campaigns/{campaign}/contacts/csv", form);
    }

    [Fact]
    public async Task The_form_is_saved_with_every_setting_and_read_back()
    {
        var (admin, trunk, queue) = await SetUpAsync();
        var created = await admin.CreateAsync("/api/campaigns", Campaign(trunk, queue));

        var read = await ReadAsync(await admin.GetAsync($"/api/campaigns/{created.GetProperty("id").GetInt64()}"));
        Assert.Equal("draft", read.GetProperty("status").GetString());
        var settings = read.GetProperty("settings");
        Assert.Equal("America/New_York", settings.GetProperty("schedule").GetProperty("timeZone").GetString());
        Assert.Equal(800, settings.GetProperty("amd").GetProperty("afterGreetingSilence").GetInt32());
        Assert.Equal(600, settings.GetProperty("retry").GetProperty("busyDelaySeconds").GetInt32());
        Assert.Equal("queue", settings.GetProperty("onAnswer").GetProperty("type").GetString());
        Assert.Equal("playRecording", settings.GetProperty("onVoicemail").GetProperty("action").GetString());
    }

    [Fact]
    public async Task Bad_settings_are_refused_with_a_message_per_field()
    {
        var (admin, trunk, queue) = await SetUpAsync();
        var body = JsonSerializer.SerializeToNode(Campaign(trunk, queue), Web)!.AsObject();
        body["callerId"] = "555;drop";
        body["trunkId"] = 999999;
        body["schedule"]!["timeZone"] = "Mars/Olympus";
        body["schedule"]!["days"] = new System.Text.Json.Nodes.JsonArray("someday");
        body["amd"]!["maximumWords"] = 500;
        body["amd"]!["initialSilence"] = 10;
        body["concurrentCalls"] = 0;
        body["onAnswer"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "aiAgent", ["target"] = "no-such-agent" };
        using var response = await admin.PostAsJsonAsync("/api/campaigns", body);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        foreach (var field in new[] { "callerId", "trunkId", "schedule.timeZone", "schedule.days", "amd.maximumWords", "amd.initialSilence", "concurrentCalls", "onAnswer.target" })
            Assert.True(problem.Errors.ContainsKey(field), $"expected an error for {field}: {string.Join(", ", problem.Errors.Keys)}");
    }

    [Fact]
    public async Task A_csv_with_bad_rows_imports_the_good_ones_and_names_each_bad_row_and_why()
    {
        var (admin, trunk, queue) = await SetUpAsync();
        var campaign = await CreateCampaignAsync(admin, trunk, queue);
        const string Csv = """
            phone,first_name,last_name,appointment_date
            +15551234567,John,Smith,2024-01-15
            (555) 987-6543,Jane,Doe,2024-01-16
            12,Too,Short,2024-01-17
            ,No,Phone,2024-01-18
            555-123-4567,John,Smith-Jones,2024-01-19
            +15550001111,Extra,Cells,2024-01-20,surprise
            """;

        var result = await ReadAsync(await UploadCsvAsync(admin, campaign, Csv));

        Assert.Equal(6, result.GetProperty("received").GetInt32());
        Assert.Equal(2, result.GetProperty("inserted").GetInt32());
        Assert.Equal(1, result.GetProperty("merged").GetInt32());
        var errors = result.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("reason").GetString()!)).ToList();
        Assert.Equal([4, 5, 7], errors.Select(e => e.Item1));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Item2)));
        var contacts = await ReadAsync(await admin.GetAsync($"/api/campaigns/{campaign}/contacts"));
        var john = contacts.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("phone").GetString() == "+15551234567");
        Assert.Equal("Smith-Jones", john.GetProperty("variables").GetProperty("last_name").GetString());
        Assert.Equal("pending", john.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_csv_without_a_phone_column_is_refused_as_a_problem()
    {
        var (admin, trunk, queue) = await SetUpAsync();
        var campaign = await CreateCampaignAsync(admin, trunk, queue);
        var problem = await Problem.ReadAsync(await UploadCsvAsync(admin, campaign, "number,name\n+15551234567,John\n"),
            HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("phone", problem.Errors["file"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_contacts_as_seed_003_sends_them_are_normalised_to_E164()
    {
        var (admin, trunk, queue) = await SetUpAsync();
        var campaign = await CreateCampaignAsync(admin, trunk, queue);
        var result = await ReadAsync(await admin.PostAsJsonAsync($"/api/campaigns/{campaign}/contacts", new object[]
        {
            new { phone = "+1 (555) 234-5678", variables = new { first_name = "John", appointment_date = "January 15th" } },
            new { phone = "not a phone" },
        }));
        Assert.Equal(1, result.GetProperty("inserted").GetInt32());
        Assert.Equal(2, result.GetProperty("errors")[0].GetProperty("row").GetInt32());
        var contacts = await ReadAsync(await admin.GetAsync($"/api/campaigns/{campaign}/contacts?state=pending"));
        Assert.Equal("+15552345678", contacts.GetProperty("items")[0].GetProperty("phone").GetString());
    }

    [Fact]
    public async Task Numbers_on_the_global_or_the_campaigns_do_not_call_list_are_never_pending()
    {
        var (admin, trunk, queue) = await SetUpAsync();
        var campaign = await CreateCampaignAsync(admin, trunk, queue);
        var other = await CreateCampaignAsync(admin, trunk, queue);
        await ReadAsync(await admin.PostAsJsonAsync("/api/dnc", new { phones = new[] { "(555) 300-0001" }, reason = "asked not to be called" }));
        await ReadAsync(await admin.PostAsJsonAsync($"/api/campaigns/{campaign}/dnc", new { phones = new[] { "+15553000002" } }));
        await ReadAsync(await admin.PostAsJsonAsync($"/api/campaigns/{campaign}/contacts",
            new[] { new { phone = "+15553000001" }, new { phone = "+15553000002" }, new { phone = "+15553000003" } }));
        await ReadAsync(await admin.PostAsJsonAsync($"/api/campaigns/{other}/contacts", new[] { new { phone = "+15553000002" } }));

        // Added to the list after the import: the waiting contact is marked at once.
        await ReadAsync(await admin.PostAsJsonAsync($"/api/campaigns/{campaign}/dnc", new { phones = new[] { "+15553000003" } }));

        var dnc = await ReadAsync(await admin.GetAsync($"/api/campaigns/{campaign}/contacts?state=dnc"));
        Assert.Equal(["+15553000001", "+15553000002", "+15553000003"], dnc.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("phone").GetString()).Order());
        var elsewhere = await ReadAsync(await admin.GetAsync($"/api/campaigns/{other}/contacts"));
        Assert.Equal("pending", elsewhere.GetProperty("items")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Start_pause_resume_and_stop_follow_the_lifecycle_and_refuse_the_rest()
    {
        var (admin, trunk, queue) = await SetUpAsync();
        var campaign = await CreateCampaignAsync(admin, trunk, queue);
        await ReadAsync(await admin.PostAsJsonAsync($"/api/campaigns/{campaign}/contacts", new[] { new { phone = "+15554000001" } }));

        Assert.Equal("running", (await ReadAsync(await admin.PostAsync($"/api/campaigns/{campaign}/start", null))).GetProperty("status").GetString());
        await Problem.ReadAsync(await admin.PutAsJsonAsync($"/api/campaigns/{campaign}", Campaign(trunk, queue)), HttpStatusCode.Conflict, "conflict");
        await Problem.ReadAsync(await admin.PostAsync($"/api/campaigns/{campaign}/resume", null), HttpStatusCode.Conflict, "conflict");
        Assert.Equal("paused", (await ReadAsync(await admin.PostAsync($"/api/campaigns/{campaign}/pause", null))).GetProperty("status").GetString());
        Assert.Equal("running", (await ReadAsync(await admin.PostAsync($"/api/campaigns/{campaign}/resume", null))).GetProperty("status").GetString());
        Assert.Equal("stopped", (await ReadAsync(await admin.PostAsync($"/api/campaigns/{campaign}/stop", null))).GetProperty("status").GetString());
        await Problem.ReadAsync(await admin.PostAsync($"/api/campaigns/{campaign}/start", null), HttpStatusCode.Conflict, "conflict");

        var stats = await ReadAsync(await admin.GetAsync($"/api/campaigns/{campaign}/stats"));
        Assert.Equal(1, stats.GetProperty("contactStates").GetProperty("done").GetInt32());
        Assert.Equal(0, stats.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Agents_see_no_campaigns_and_supervisors_run_but_do_not_create_them()
    {
        var (admin, trunk, queue) = await SetUpAsync();
        var campaign = await CreateCampaignAsync(admin, trunk, queue);
        var (agent, _) = await fixture.Api.CreateSignedInUserAsync("agent");
        var (supervisor, _) = await fixture.Api.CreateSignedInUserAsync("supervisor");

        await Problem.ReadAsync(await agent.GetAsync("/api/campaigns"), HttpStatusCode.Forbidden, "forbidden");
        await Problem.ReadAsync(await agent.GetAsync("/api/dnc"), HttpStatusCode.Forbidden, "forbidden");
        await Problem.ReadAsync(await supervisor.PostAsJsonAsync("/api/campaigns", Campaign(trunk, queue)), HttpStatusCode.Forbidden, "forbidden");
        await Problem.ReadAsync(await supervisor.DeleteAsync($"/api/campaigns/{campaign}"), HttpStatusCode.Forbidden, "forbidden");
        await ReadAsync(await supervisor.PostAsync($"/api/campaigns/{campaign}/start", null));
        await ReadAsync(await supervisor.PostAsync($"/api/campaigns/{campaign}/pause", null));
        await Problem.ReadAsync(await fixture.Api.Anonymous().GetAsync("/api/campaigns"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task An_unknown_campaign_is_a_404_problem()
    {
        var (admin, _, _) = await SetUpAsync();
        await Problem.ReadAsync(await admin.GetAsync("/api/campaigns/987654/stats"), HttpStatusCode.NotFound, "not_found");
        await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/campaigns/987654/contacts", new[] { new { phone = "+15551234567" } }),
            HttpStatusCode.NotFound, "not_found");
    }
}
