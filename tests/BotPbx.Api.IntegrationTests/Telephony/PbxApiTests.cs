namespace BotPbx.Api.IntegrationTests.Telephony;

public sealed class PbxApiTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private ApiFactory Api => fixture.Api;

    [Fact]
    public async Task A_trunk_password_is_write_only_and_kept_when_omitted_on_update()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var trunk = await admin.CreateTrunkAsync();
        var read = await admin.GetStringAsync($"/api/trunks/{trunk}");
        Assert.Contains("\"hasPassword\":true", read);
        Assert.DoesNotContain("\"password\"", read);
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(read)!;
        body.Remove("hasPassword");
        body["qualifySeconds"] = JsonSerializer.SerializeToElement(45);
        using var updated = await admin.PutAsJsonAsync($"/api/trunks/{trunk}", body);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(after.GetProperty("hasPassword").GetBoolean());
        Assert.Equal(45, after.GetProperty("qualifySeconds").GetInt32());
    }

    [Fact]
    public async Task Outbound_routes_are_listed_in_the_order_set_by_reorder()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var trunk = await admin.CreateTrunkAsync();
        var existing = (await admin.GetFromJsonAsync<JsonElement>("/api/outbound-routes?limit=500")).GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("id").GetInt64()).ToList();
        var a = (await admin.CreateAsync("/api/outbound-routes", new { name = "A", position = 1, patterns = new[] { "9NXXNXXXXXX" }, trunkIds = new[] { trunk } })).GetProperty("id").GetInt64();
        var b = (await admin.CreateAsync("/api/outbound-routes", new { name = "B", position = 2, patterns = new[] { "9011." }, trunkIds = new[] { trunk } })).GetProperty("id").GetInt64();

        using var reorder = await admin.PutAsJsonAsync("/api/outbound-routes/order", new { ids = existing.Concat([b, a]).ToArray() });
        Assert.Equal(HttpStatusCode.NoContent, reorder.StatusCode);
        var order = (await admin.GetFromJsonAsync<JsonElement>("/api/outbound-routes?limit=500")).GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.True(order.IndexOf(b) < order.IndexOf(a));

        using var partial = await admin.PutAsJsonAsync("/api/outbound-routes/order", new { ids = new[] { a } });
        await Problem.ReadAsync(partial, HttpStatusCode.UnprocessableEntity, "validation_failed");
    }

    [Fact]
    public async Task Destinations_list_every_routable_object_for_pickers()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (extension, number, _) = await admin.CreateExtensionAsync("Picker Person");
        var queue = await admin.CreateQueueAsync();
        var destinations = await admin.GetStringAsync("/api/destinations");
        // Extensions, queues and ring groups also carry their number: IVR flows name them by number.
        Assert.Contains($"{{\"type\":\"extension\",\"target\":\"{extension}\",\"label\":\"{number} Picker Person\",\"number\":\"{number}\"}}", destinations);
        Assert.Contains($"{{\"type\":\"voicemail\",\"target\":\"{extension}\"", destinations);
        Assert.Contains($"{{\"type\":\"queue\",\"target\":\"{queue}\"", destinations);
        Assert.Contains("{\"type\":\"hangup\",\"target\":null,\"label\":\"Hang up\",\"number\":null}", destinations);
    }

    [Fact]
    public async Task Queue_members_can_be_read_by_supervisors_and_replaced_by_admins()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (one, _, _) = await admin.CreateExtensionAsync();
        var (two, _, _) = await admin.CreateExtensionAsync();
        var queue = await admin.CreateQueueAsync(one);
        using var put = await admin.PutAsJsonAsync($"/api/queues/{queue}/members", new[] { new { extensionId = two, penalty = 2 } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var (supervisor, _) = await Api.CreateSignedInUserAsync("supervisor");
        using (supervisor)
        {
            var members = await supervisor.GetFromJsonAsync<JsonElement>($"/api/queues/{queue}/members");
            Assert.Equal(two, members[0].GetProperty("extensionId").GetInt64());
            Assert.Equal(2, members[0].GetProperty("penalty").GetInt32());
            Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync($"/api/queues/{queue}/members", Array.Empty<object>())).StatusCode);
        }
    }

    [Fact]
    public async Task Feature_codes_and_sip_settings_are_validated_singletons()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var codes = await admin.GetFromJsonAsync<JsonElement>("/api/feature-codes");
        Assert.Equal("*97", codes.GetProperty("voicemailOwn").GetString());
        using var bad = await admin.PutAsJsonAsync("/api/feature-codes", new { voicemailOwn = "*9;7" });
        Assert.Contains("voicemailOwn", (await Problem.ReadAsync(bad, HttpStatusCode.UnprocessableEntity, "validation_failed")).Errors.Keys);

        var sip = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await admin.GetStringAsync("/api/sip-settings"))!;
        sip["externalMediaAddress"] = JsonSerializer.SerializeToElement("203.0.113.5");
        using var ok = await admin.PutAsJsonAsync("/api/sip-settings", sip);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("203.0.113.5", (await admin.GetFromJsonAsync<JsonElement>("/api/sip-settings")).GetProperty("externalMediaAddress").GetString());
    }

    [Fact]
    public async Task Trunk_presets_follow_the_manual()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var presets = await admin.GetFromJsonAsync<JsonElement>("/api/trunk-presets");
        Assert.Equal(["twilio", "telnyx", "voipms", "custom"], presets.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }
}
