using BotPbx.Api.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static BotPbx.Api.IntegrationTests.Ivr.IvrFlowsForTests;

namespace BotPbx.Api.IntegrationTests.Telephony;

/// <summary>
/// The IVR feature and the PBX core together: flows are checked against the PBX's objects when published, IVRs are
/// PBX destinations rendered as the FastAGI hand-off, and neither side can delete what the other still uses.
/// </summary>
public sealed class IvrInThePbxTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private ApiFactory Api => fixture.Api;

    private static object TransferFlow(string kind, string target) => Flow(
        [Node("start", "start"), Node("t", "transfer", new { destination = new { kind, target } })],
        [Edge("start", "next", "t")]);

    private static async Task<long> CreateIvrAsync(HttpClient admin, object flow) =>
        (await admin.CreateAsync("/api/ivrs", new { name = "IVR " + Guid.NewGuid().ToString("N")[..8], flow })).GetProperty("id").GetInt64();

    private static async Task<long> CreateQueueAsync(HttpClient admin, string number) =>
        (await admin.CreateAsync("/api/queues", new { number, name = "Queue " + number, members = Array.Empty<object>() })).GetProperty("id").GetInt64();

    private static Task<HttpResponseMessage> PublishAsync(HttpClient admin, long ivr) => admin.PostAsync($"/api/ivrs/{ivr}/publish", null);

    [Fact]
    public async Task An_ivr_that_transfers_to_a_missing_queue_cannot_be_published_until_the_queue_exists()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var number = TelephonyClient.NewNumber();
        var ivr = await CreateIvrAsync(admin, TransferFlow("queue", number));

        var problem = await Problem.ReadAsync(await PublishAsync(admin, ivr), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal([$"queue {number} does not exist"], problem.Errors["nodes.t.data.destination.target"]);

        await CreateQueueAsync(admin, number);
        using var published = await PublishAsync(admin, ivr);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
    }

    [Fact]
    public async Task A_queue_a_live_ivr_transfers_to_can_be_neither_deleted_nor_renumbered()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var number = TelephonyClient.NewNumber();
        var queue = await CreateQueueAsync(admin, number);
        var ivr = await CreateIvrAsync(admin, TransferFlow("queue", number));
        Assert.Equal(HttpStatusCode.OK, (await PublishAsync(admin, ivr)).StatusCode);

        var deleted = await Problem.ReadAsync(await admin.DeleteAsync($"/api/queues/{queue}"), HttpStatusCode.Conflict, "conflict");
        Assert.Contains($"IVR {ivr} (", deleted.Detail, StringComparison.Ordinal);
        using var renumber = await admin.PutAsJsonAsync($"/api/queues/{queue}",
            new { number = TelephonyClient.NewNumber(), name = "Queue " + number, members = Array.Empty<object>() });
        var renumbered = await Problem.ReadAsync(renumber, HttpStatusCode.Conflict, "conflict");
        Assert.Contains("its number cannot change", renumbered.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_extension_whose_mailbox_a_live_ivr_uses_cannot_be_deleted_while_a_draft_does_not_hold_it()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (extension, number, _) = await admin.CreateExtensionAsync();
        var live = await CreateIvrAsync(admin, Flow([Node("start", "start"), Node("vm", "voicemail", new { mailbox = number })], [Edge("start", "next", "vm")]));
        Assert.Equal(HttpStatusCode.OK, (await PublishAsync(admin, live)).StatusCode);
        var (other, otherNumber, _) = await admin.CreateExtensionAsync();
        await CreateIvrAsync(admin, TransferFlow("extension", otherNumber));

        var problem = await Problem.ReadAsync(await admin.DeleteAsync($"/api/extensions/{extension}"), HttpStatusCode.Conflict, "conflict");
        Assert.Contains($"IVR {live} (", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/extensions/{other}")).StatusCode);
    }

    [Fact]
    public async Task Transfers_to_extensions_ring_groups_mailboxes_and_external_numbers_are_checked_against_the_pbx()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (extension, extensionNumber, _) = await admin.CreateExtensionAsync();
        var groupNumber = TelephonyClient.NewNumber();
        await admin.CreateAsync("/api/ring-groups", new { number = groupNumber, name = "Desk", memberExtensionIds = new[] { extension } });
        var trunk = await admin.CreateTrunkAsync();
        await admin.CreateAsync("/api/outbound-routes", new { name = "Out " + groupNumber, position = 1, patterns = new[] { "_7NXXNXXXXXX" }, trunkIds = new[] { trunk } });

        var flow = Flow(
            [Node("start", "start"),
             Node("menu", "menu", new { prompt = new { kind = "tts", text = "Choose" }, options = new[] { "1", "2", "3", "4", "5", "6" }.Select(d => new { digit = d }).ToArray() }),
             Node("ext", "transfer", new { destination = new { kind = "extension", target = extensionNumber } }),
             Node("group", "transfer", new { destination = new { kind = "ringGroup", target = groupNumber } }),
             Node("out", "transfer", new { destination = new { kind = "external", target = "72125550123" } }),
             Node("vm", "voicemail", new { mailbox = extensionNumber }),
             Node("nowhere", "transfer", new { destination = new { kind = "external", target = "+4930123456" } }),
             Node("general", "voicemail", new { mailbox = "general" })],
            [Edge("start", "next", "menu"), Edge("menu", "digit-1", "ext"), Edge("menu", "digit-2", "group"), Edge("menu", "digit-3", "out"),
             Edge("menu", "digit-4", "vm"), Edge("menu", "digit-5", "nowhere"), Edge("menu", "digit-6", "general")]);
        var ivr = await CreateIvrAsync(admin, flow);

        var problem = await Problem.ReadAsync(await PublishAsync(admin, ivr), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["nodes.general.data.mailbox", "nodes.nowhere.data.destination.target"], problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["no outbound route open to every caller dials +4930123456"], problem.Errors["nodes.nowhere.data.destination.target"]);
    }

    [Fact]
    public async Task An_inbound_route_to_an_ivr_is_accepted_rendered_as_the_fastagi_hand_off_and_keeps_the_ivr()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var ivr = await CreateIvrAsync(admin, Flow([Node("start", "start")], []));

        // Listed for the pickers before it is published: routes and IVRs are built in either order.
        var destinations = await admin.GetStringAsync("/api/destinations");
        Assert.Contains($"{{\"type\":\"ivr\",\"target\":\"{ivr}\",\"label\":\"IVR ", destinations, StringComparison.Ordinal);
        Assert.Contains("(not published)", destinations, StringComparison.Ordinal);

        var did = "+1212555" + TelephonyClient.NewNumber();
        var route = (await admin.CreateAsync("/api/inbound-routes", new { name = "To IVR", did, destination = new { type = "ivr", target = ivr.ToString(System.Globalization.CultureInfo.InvariantCulture) } }))
            .GetProperty("id").GetInt64();

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await fixture.Ami.WaitForLoginsAsync(1, cts.Token);
        using (var applied = await admin.PostAsync("/api/system/asterisk/reload", null))
            Assert.True(applied.StatusCode == HttpStatusCode.OK, await applied.Content.ReadAsStringAsync());
        // The address Asterisk dials is the one the API's own FastAGI server listens on (AGI_HOST, AGI_PORT=0 → a free port).
        var agi = Api.Services.GetRequiredService<FastAgiHostedService>().LocalEndPoint!;
        var dialplan = await File.ReadAllTextAsync(Path.Combine(fixture.BotPbxDir, "extensions.conf"));
        Assert.Contains($"exten => {did},1,", dialplan, StringComparison.Ordinal);
        Assert.Contains($"AGI(agi://127.0.0.1:{agi.Port}/ivr/{ivr})", dialplan, StringComparison.Ordinal);

        var problem = await Problem.ReadAsync(await admin.DeleteAsync($"/api/ivrs/{ivr}"), HttpStatusCode.Conflict, "conflict");
        Assert.Contains($"inbound route {route} (To IVR)", problem.Detail, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/inbound-routes/{route}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/ivrs/{ivr}")).StatusCode);
    }
}
