namespace BotPbx.Api.IntegrationTests.Telephony;

/// <summary>
/// PUT on any PBX object changes only the fields sent; the rest keep their stored value (the manual's
/// <c>PUT /api/extensions/:id {"name": "John D. Smith"}</c>). Each top-level field sent replaces that field whole.
/// </summary>
public sealed class PartialUpdateTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private static async Task<JsonElement> PutAsync(HttpClient admin, string path, object body)
    {
        using var response = await admin.PutAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static long Id(JsonElement created) => created.GetProperty("id").GetInt64();

    [Fact]
    public async Task Renaming_an_extension_keeps_its_number_secret_voicemail_and_forwarding()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var number = TelephonyClient.NewNumber();
        var created = await admin.CreateAsync("/api/extensions", new
        {
            number, name = "Before", email = "a@example.com", voicemail = new { pin = "4321", maxMessages = 7 }, forwarding = new { busy = "2999" },
        });
        var id = created.GetProperty("extension").GetProperty("id").GetInt64();

        var after = await PutAsync(admin, $"/api/extensions/{id}", new { name = "After" });

        Assert.Equal("After", after.GetProperty("name").GetString());
        Assert.Equal(number, after.GetProperty("number").GetString());
        Assert.Equal("a@example.com", after.GetProperty("email").GetString());
        Assert.Equal(7, after.GetProperty("voicemail").GetProperty("maxMessages").GetInt32());
        Assert.Equal("2999", after.GetProperty("forwarding").GetProperty("busy").GetString());
        using var secret = await admin.PostAsync($"/api/extensions/{id}/reveal-secret", null);
        Assert.Equal(created.GetProperty("secret").GetString(), (await secret.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString());
    }

    [Fact]
    public async Task A_field_sent_replaces_the_stored_one_whole_and_an_empty_pin_keeps_the_pin()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var created = await admin.CreateAsync("/api/extensions", new { number = TelephonyClient.NewNumber(), name = "Vm", voicemail = new { pin = "4321", maxMessages = 7 } });
        var id = created.GetProperty("extension").GetProperty("id").GetInt64();

        var after = await PutAsync(admin, $"/api/extensions/{id}", new { voicemail = new { emailNotification = false } });

        Assert.Equal(100, after.GetProperty("voicemail").GetProperty("maxMessages").GetInt32());
        // PINs are write-only: the answer says one is still set.
        Assert.True(after.GetProperty("voicemail").GetProperty("hasPin").GetBoolean());
    }

    [Fact]
    public async Task Every_pbx_object_keeps_what_a_partial_put_leaves_out()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var extension = (await admin.CreateExtensionAsync()).Id;
        var trunk = await admin.CreateTrunkAsync();

        var route = Id(await admin.CreateAsync("/api/outbound-routes", new { name = "Out", position = 5, patterns = new[] { "_8NXXNXXXXXX" }, strip = 1, trunkIds = new[] { trunk } }));
        var outbound = await PutAsync(admin, $"/api/outbound-routes/{route}", new { name = "Out renamed" });
        Assert.Equal(1, outbound.GetProperty("strip").GetInt32());
        Assert.Equal("_8NXXNXXXXXX", outbound.GetProperty("patterns")[0].GetString());

        var did = "+1555" + TelephonyClient.NewNumber() + "000";
        var inboundId = Id(await admin.CreateAsync("/api/inbound-routes", new { name = "In", did, destination = new { type = "extension", target = extension.ToString(System.Globalization.CultureInfo.InvariantCulture) } }));
        var inbound = await PutAsync(admin, $"/api/inbound-routes/{inboundId}", new { name = "In renamed" });
        Assert.Equal(did, inbound.GetProperty("did").GetString());
        Assert.Equal("extension", inbound.GetProperty("destination").GetProperty("type").GetString());

        var queueNumber = TelephonyClient.NewNumber();
        var queueId = Id(await admin.CreateAsync("/api/queues", new { number = queueNumber, name = "Q", strategy = "leastrecent", members = new[] { new { extensionId = extension, penalty = 2 } } }));
        var queue = await PutAsync(admin, $"/api/queues/{queueId}", new { name = "Q renamed" });
        Assert.Equal(queueNumber, queue.GetProperty("number").GetString());
        Assert.Equal("leastrecent", queue.GetProperty("strategy").GetString());
        Assert.Equal(2, queue.GetProperty("members")[0].GetProperty("penalty").GetInt32());

        var groupId = Id(await admin.CreateAsync("/api/ring-groups", new { number = TelephonyClient.NewNumber(), name = "G", strategy = "hunt", memberExtensionIds = new[] { extension } }));
        var group = await PutAsync(admin, $"/api/ring-groups/{groupId}", new { ringSeconds = 40 });
        Assert.Equal("hunt", group.GetProperty("strategy").GetString());
        Assert.Equal("G", group.GetProperty("name").GetString());

        var tcId = Id(await admin.CreateAsync("/api/time-conditions", new
        {
            name = "Hours", timeZone = "Europe/Paris", ranges = new[] { new { fromDay = "mon", toDay = "fri", start = "09:00", end = "17:00" } },
            open = new { type = "hangup" }, closed = new { type = "hangup" },
        }));
        var tc = await PutAsync(admin, $"/api/time-conditions/{tcId}", new { name = "Office hours" });
        Assert.Equal("Europe/Paris", tc.GetProperty("timeZone").GetString());
        Assert.Equal(1, tc.GetProperty("ranges").GetArrayLength());

        var roomId = Id(await admin.CreateAsync("/api/conferences", new { number = TelephonyClient.NewNumber(), name = "Room", pin = "1234", maxMembers = 9 }));
        var room = await PutAsync(admin, $"/api/conferences/{roomId}", new { name = "Big room" });
        Assert.True(room.GetProperty("hasPin").GetBoolean());
        Assert.Equal(9, room.GetProperty("maxMembers").GetInt32());

        var mohId = Id(await admin.CreateAsync("/api/moh-classes", new { name = "partial-" + TelephonyClient.NewNumber(), sort = "alpha" }));
        var moh = await PutAsync(admin, $"/api/moh-classes/{mohId}", new { });
        Assert.Equal("alpha", moh.GetProperty("sort").GetString());

        var trunkAfter = await PutAsync(admin, $"/api/trunks/{trunk}", new { qualifySeconds = 120 });
        Assert.Equal("sip.example.com", trunkAfter.GetProperty("host").GetString());
        Assert.True(trunkAfter.GetProperty("register").GetBoolean());
        Assert.True(trunkAfter.GetProperty("hasPassword").GetBoolean());
    }

    [Fact]
    public async Task Feature_codes_and_sip_settings_change_only_what_is_sent()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var codes = await PutAsync(admin, "/api/feature-codes", new { dndToggle = "*77" });
        Assert.Equal("*77", codes.GetProperty("dndToggle").GetString());
        Assert.Equal("*97", codes.GetProperty("voicemailOwn").GetString());

        var sip = await PutAsync(admin, "/api/sip-settings", new { rtpStart = 12000 });
        Assert.Equal(12000, sip.GetProperty("rtpStart").GetInt32());
        Assert.Equal(20000, sip.GetProperty("rtpEnd").GetInt32());
        Assert.Equal(5060, sip.GetProperty("udpPort").GetInt32());
    }

    [Fact]
    public async Task An_ivr_put_with_only_a_name_keeps_the_draft_flow()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var id = Id(await admin.CreateAsync("/api/ivrs", new { name = "Flow " + TelephonyClient.NewNumber(), flow = Ivr.IvrFlowsForTests.Menu("Hello") }));
        var saved = await PutAsync(admin, $"/api/ivrs/{id}", new { name = "Renamed " + id });
        Assert.Equal(3, saved.GetProperty("flow").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task A_partial_put_of_an_unknown_id_is_404_and_a_wrongly_typed_field_is_400_naming_it()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        await Problem.ReadAsync(await admin.PutAsJsonAsync("/api/queues/999999", new { name = "Nobody" }), HttpStatusCode.NotFound, "not_found");
        var queue = await admin.CreateQueueAsync();
        var problem = await Problem.ReadAsync(await admin.PutAsJsonAsync($"/api/queues/{queue}", new { weight = "heavy" }), HttpStatusCode.BadRequest, "bad_request");
        Assert.Contains("weight", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"name\": \"A\", \"name\": \"B\"}")]
    [InlineData("{\"name\": ")]
    public async Task A_body_that_is_not_one_json_object_is_400(string body)
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var queue = await admin.CreateQueueAsync();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        await Problem.ReadAsync(await admin.PutAsync($"/api/queues/{queue}", content), HttpStatusCode.BadRequest, "bad_request");
    }
}
