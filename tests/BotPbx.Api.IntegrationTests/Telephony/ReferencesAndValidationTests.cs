namespace BotPbx.Api.IntegrationTests.Telephony;

public sealed class ReferencesAndValidationTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private ApiFactory Api => fixture.Api;

    [Fact]
    public async Task Deleting_an_extension_a_queue_uses_is_a_conflict_naming_the_queue()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (extension, _, _) = await admin.CreateExtensionAsync();
        var queue = await admin.CreateQueueAsync(extension);

        var problem = await Problem.ReadAsync(await admin.DeleteAsync($"/api/extensions/{extension}"), HttpStatusCode.Conflict, "conflict");
        Assert.Contains($"queue {queue}", problem.Detail, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/queues/{queue}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/extensions/{extension}")).StatusCode);
        await Problem.ReadAsync(await admin.GetAsync($"/api/extensions/{extension}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Deleting_a_trunk_a_route_dials_through_is_a_conflict()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var trunk = await admin.CreateTrunkAsync();
        var route = (await admin.CreateAsync("/api/outbound-routes", new { name = "Local", position = 1, patterns = new[] { "NXXNXXXXXX" }, trunkIds = new[] { trunk } }))
            .GetProperty("id").GetInt64();
        var problem = await Problem.ReadAsync(await admin.DeleteAsync($"/api/trunks/{trunk}"), HttpStatusCode.Conflict, "conflict");
        Assert.Contains($"outbound route {route} (Local)", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_destination_must_point_at_something_that_exists()
    {
        using var admin = await Api.SignInAsAdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/inbound-routes",
            new { name = "Main", did = "+12125550100", destination = new { type = "queue", target = "999999" } });
        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["does not exist"], problem.Errors["destination.target"]);
    }

    public static TheoryData<string, string, string> Injections() => new()
    {
        { "/api/extensions", "name", "Eve\n[evil]\ntype=endpoint" },
        { "/api/extensions", "number", "1001,1,System(id)" },
        { "/api/extensions", "email", "a@b.com;x" },
        { "/api/trunks", "host", "sip.example.com\n[evil]" },
        { "/api/trunks", "password", "pa;ss" },
        { "/api/trunks", "name", "T]runk" },
        { "/api/inbound-routes", "did", "${SHELL(id)}" },
        { "/api/inbound-routes", "callerIdPattern", "_212)" },
        { "/api/queues", "periodicAnnounce", "x,y" },
        { "/api/queues", "name", "Ünïcode" },
        { "/api/ring-groups", "name", new string('a', 300) },
        { "/api/time-conditions", "timeZone", "America/New_York)" },
        { "/api/moh-classes", "name", "../etc" },
        { "/api/conferences", "pin", "12\r34" },
        { "/api/outbound-routes", "prepend", "9,1" },
    };

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task Config_syntax_in_a_text_field_is_a_422_on_that_field(string path, string field, string value)
    {
        using var admin = await Api.SignInAsAdminAsync();
        var body = Valid(path);
        body[field] = value;
        using var response = await admin.PostAsJsonAsync(path, body);
        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains(field, problem.Errors.Keys);
    }

    [Fact]
    public async Task Explicit_nulls_are_field_errors_not_server_errors()
    {
        using var admin = await Api.SignInAsAdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/extensions",
            new { number = TelephonyClient.NewNumber(), name = "Nully", email = (string?)null, voicemail = (object?)null, followMe = (object?)null });
        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        foreach (var field in new[] { "email", "followMe", "voicemail" }) Assert.Contains(field, problem.Errors.Keys);
    }

    [Fact]
    public async Task Nested_fields_report_their_path()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (extension, _, _) = await admin.CreateExtensionAsync();
        using var response = await admin.PostAsJsonAsync("/api/queues", new
        {
            number = TelephonyClient.NewNumber(), name = "Q", members = new object[] { new { extensionId = extension, penalty = 0 }, new { extensionId = 987654321, penalty = 500 } },
        });
        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("members[1].extensionId", problem.Errors.Keys);
        Assert.Contains("members[1].penalty", problem.Errors.Keys);
    }

    private static Dictionary<string, object?> Valid(string path) => path switch
    {
        "/api/extensions" => new() { ["number"] = TelephonyClient.NewNumber(), ["name"] = "Valid", ["voicemail"] = new { pin = "1234" } },
        "/api/trunks" => new() { ["name"] = "Valid " + TelephonyClient.NewNumber(), ["host"] = "sip.example.com", ["register"] = true, ["username"] = "u", ["password"] = "p" },
        "/api/inbound-routes" => new() { ["name"] = "Valid", ["did"] = "2125550100", ["destination"] = new { type = "hangup" } },
        "/api/queues" => new() { ["number"] = TelephonyClient.NewNumber(), ["name"] = "Valid" },
        "/api/ring-groups" => new() { ["number"] = TelephonyClient.NewNumber(), ["name"] = "Valid", ["memberExtensionIds"] = Array.Empty<long>() },
        "/api/time-conditions" => new() { ["name"] = "Valid", ["timeZone"] = "UTC" },
        "/api/moh-classes" => new() { ["name"] = "valid" },
        "/api/conferences" => new() { ["number"] = TelephonyClient.NewNumber(), ["name"] = "Valid" },
        "/api/outbound-routes" => new() { ["name"] = "Valid", ["patterns"] = new[] { "NXXNXXXXXX" }, ["trunkIds"] = Array.Empty<long>() },
        _ => throw new ArgumentOutOfRangeException(nameof(path)),
    };
}

public sealed class ClashApiTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    [Fact]
    public async Task A_second_route_for_the_same_did_is_refused_on_its_did_field()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var did = "+1212555" + TelephonyClient.NewNumber();
        await admin.CreateAsync("/api/inbound-routes", new { name = "First", did, destination = new { type = "hangup" } });
        using var response = await admin.PostAsJsonAsync("/api/inbound-routes", new { name = "Second", did, destination = new { type = "hangup" } });
        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["another route already answers this DID for the same caller ID and trunk"], problem.Errors["did"]);
    }
}
