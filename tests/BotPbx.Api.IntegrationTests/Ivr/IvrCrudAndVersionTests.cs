using static BotPbx.Api.IntegrationTests.Ivr.IvrFlowsForTests;

namespace BotPbx.Api.IntegrationTests.Ivr;

public sealed class IvrCrudAndVersionTests(IvrApiFixture fixture) : IClassFixture<IvrApiFixture>
{
    private ApiFactory Api => fixture.Api;

    private static string NewName() => "IVR " + Guid.NewGuid().ToString("N")[..8];

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<long> CreateAsync(HttpClient admin, object? flow = null, string? name = null)
    {
        using var response = await admin.PostAsJsonAsync("/api/ivrs", new { name = name ?? NewName(), flow });
        return (await Json(response, HttpStatusCode.Created)).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task An_admin_creates_lists_reads_saves_and_deletes_an_ivr()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var name = NewName();
        using var created = await admin.PostAsJsonAsync("/api/ivrs", new { name });
        var ivr = await Json(created, HttpStatusCode.Created);
        var id = ivr.GetProperty("id").GetInt64();
        Assert.Equal($"/api/ivrs/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("start", ivr.GetProperty("flow").GetProperty("nodes")[0].GetProperty("type").GetString());
        Assert.True(ivr.GetProperty("validation").GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, ivr.GetProperty("publishedVersion").ValueKind);

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/ivrs?search=" + Uri.EscapeDataString(name));
        Assert.Equal(1, list.GetProperty("total").GetInt64());

        using var saved = await admin.PutAsJsonAsync($"/api/ivrs/{id}", new { name = name + " v2", flow = Menu("Sales here") });
        var body = await Json(saved);
        Assert.Equal(name + " v2", body.GetProperty("name").GetString());
        Assert.Equal(3, body.GetProperty("flow").GetProperty("nodes").GetArrayLength());

        using var deleted = await admin.DeleteAsync($"/api/ivrs/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problem.ReadAsync(await admin.GetAsync($"/api/ivrs/{id}"), HttpStatusCode.NotFound, "not_found");
        Assert.Contains("\"action\":\"ivr.created\"", await admin.GetStringAsync("/api/audit?limit=500"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_are_required_and_unique_and_the_flow_must_be_an_object()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var name = NewName();
        await CreateAsync(admin, name: name);
        await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/ivrs", new { name = name.ToUpperInvariant() }), HttpStatusCode.Conflict, "conflict");
        var problem = await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/ivrs", new { name = "", flow = "nope" }),
            HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["flow", "name"], problem.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_draft_with_errors_is_saved_but_publishing_it_answers_422_with_messages_per_node()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var id = await CreateAsync(admin);
        var broken = Flow([Node("start", "start"), Node("ask", "dtmfInput", new { maxDigits = 4, timeoutSeconds = 999 }),
            Node("jump", "goToIvr", new { ivrId = "999999" })], [Edge("start", "next", "ask"), Edge("ask", "next", "jump")]);
        using var saved = await admin.PutAsJsonAsync($"/api/ivrs/{id}", new { name = NewName(), flow = broken });
        var validation = (await Json(saved)).GetProperty("validation");
        Assert.False(validation.GetProperty("valid").GetBoolean());

        using var publish = await admin.PostAsync($"/api/ivrs/{id}/publish", null);
        var body = await publish.Content.ReadAsStringAsync();
        var problem = await Problem.ReadAsync(publish, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["variable is required"], problem.Errors["nodes.ask.data.variable"]);
        Assert.Equal(["timeoutSeconds must be at most 120"], problem.Errors["nodes.ask.data.timeoutSeconds"]);
        var issues = JsonDocument.Parse(body).RootElement.GetProperty("issues");
        Assert.Contains(issues.EnumerateArray(), i => i.GetProperty("nodeId").GetString() == "ask" && i.GetProperty("severity").GetString() == "error");
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>($"/api/ivrs/{id}/versions")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_reference_to_an_ivr_that_does_not_exist_blocks_publishing_and_an_existing_one_does_not()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var target = await CreateAsync(admin);
        var id = await CreateAsync(admin, Flow([Node("start", "start"), Node("jump", "goToIvr", new { ivrId = "987654321" })],
            [Edge("start", "next", "jump")]));
        var problem = await Problem.ReadAsync(await admin.PostAsync($"/api/ivrs/{id}/publish", null), HttpStatusCode.UnprocessableEntity,
            "validation_failed");
        Assert.Equal(["IVR 987654321 does not exist"], problem.Errors["nodes.jump.data.ivrId"]);

        using var fixedFlow = await admin.PutAsJsonAsync($"/api/ivrs/{id}", new { name = NewName(),
            flow = Flow([Node("start", "start"), Node("jump", "goToIvr", new { ivrId = target.ToString(System.Globalization.CultureInfo.InvariantCulture) })],
                [Edge("start", "next", "jump")]) });
        Assert.Equal(HttpStatusCode.OK, fixedFlow.StatusCode);
        using var published = await admin.PostAsync($"/api/ivrs/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
    }

    [Fact]
    public async Task An_ivr_another_ivr_jumps_to_cannot_be_deleted()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var target = await CreateAsync(admin);
        var jumperName = NewName();
        var jumper = await CreateAsync(admin, Flow([Node("start", "start"),
            Node("jump", "goToIvr", new { ivrId = target.ToString(System.Globalization.CultureInfo.InvariantCulture) })],
            [Edge("start", "next", "jump")]), jumperName);
        var problem = await Problem.ReadAsync(await admin.DeleteAsync($"/api/ivrs/{target}"), HttpStatusCode.Conflict, "conflict");
        Assert.Contains(jumperName, problem.Detail, StringComparison.Ordinal);

        using var deleted = await admin.DeleteAsync($"/api/ivrs/{jumper}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var nowFree = await admin.DeleteAsync($"/api/ivrs/{target}");
        Assert.Equal(HttpStatusCode.NoContent, nowFree.StatusCode);
    }

    [Fact]
    public async Task Publishing_numbers_versions_lists_them_and_restore_copies_a_version_into_the_draft()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var name = NewName();
        var id = await CreateAsync(admin, Menu("first"), name);
        var v1 = await Json(await admin.PostAsync($"/api/ivrs/{id}/publish", null));
        Assert.Equal(1, v1.GetProperty("version").GetInt32());

        await admin.PutAsJsonAsync($"/api/ivrs/{id}", new { name, flow = Menu("second") });
        var v2 = await Json(await admin.PostAsync($"/api/ivrs/{id}/publish", null));
        Assert.Equal(2, v2.GetProperty("version").GetInt32());

        var versions = await admin.GetFromJsonAsync<JsonElement>($"/api/ivrs/{id}/versions");
        Assert.Equal([2, 1], versions.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal([true, false], versions.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("live").GetBoolean()));

        var first = await admin.GetFromJsonAsync<JsonElement>($"/api/ivrs/{id}/versions/1");
        Assert.Equal("first", first.GetProperty("flow").GetProperty("nodes")[2].GetProperty("data").GetProperty("prompt").GetProperty("text").GetString());

        var restored = await Json(await admin.PostAsync($"/api/ivrs/{id}/versions/1/restore", null));
        Assert.Equal("first", restored.GetProperty("flow").GetProperty("nodes")[2].GetProperty("data").GetProperty("prompt").GetProperty("text").GetString());
        Assert.Equal(2, restored.GetProperty("publishedVersion").GetInt32());
        await Problem.ReadAsync(await admin.GetAsync($"/api/ivrs/{id}/versions/7"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Validate_checks_a_flow_without_saving_it_and_the_schema_is_served_to_the_builder()
    {
        using var admin = await Api.SignInAsAdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/ivrs/validate", new { flow = Flow([Node("x", "hangup")], []) });
        var result = await Json(response);
        Assert.False(result.GetProperty("valid").GetBoolean());
        Assert.Contains(result.GetProperty("issues").EnumerateArray(), i => i.GetProperty("code").GetString() == "no_start");

        var schema = await admin.GetFromJsonAsync<JsonElement>("/api/ivrs/schema");
        Assert.Equal("BotPBX IVR flow", schema.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Only_admins_may_touch_ivrs()
    {
        var (agent, _) = await Api.CreateSignedInUserAsync("agent");
        using (agent)
        {
            await Problem.ReadAsync(await agent.GetAsync("/api/ivrs"), HttpStatusCode.Forbidden, "forbidden");
            await Problem.ReadAsync(await agent.GetAsync("/api/ivr-traces/1.1"), HttpStatusCode.Forbidden, "forbidden");
        }
        using var anonymous = Api.Anonymous();
        await Problem.ReadAsync(await anonymous.GetAsync("/api/ivrs"), HttpStatusCode.Unauthorized, "unauthorized");
    }
}
