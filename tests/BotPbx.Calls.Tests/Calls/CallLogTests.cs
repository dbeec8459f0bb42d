using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>
/// Every call lands in the call log exactly once, written by Asterisk itself (cdr_pgsql into cdr_raw) and folded into
/// one row per conversation by BotPBX's reconciler — also when BotPBX is stopped while the call goes on.
/// </summary>
[Collection(RealPbx.Name)]
public sealed class CallLogTests(PbxFixture pbx)
{
    [CallFact]
    public async Task An_answered_internal_call_is_logged_once_with_both_parties()
    {
        var alice = await pbx.CreateExtensionAsync("Alice Log");
        var bob = await pbx.CreateExtensionAsync("Bob Log");
        await pbx.Api.ApplyAsync();
        await using var alicePhone = await pbx.PhoneAsync(alice);
        await using var bobPhone = await pbx.PhoneAsync(bob);

        await alicePhone.CallAsync(pbx.Uri(bob.Number));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await alicePhone.HangUpAsync();
        await bobPhone.WaitForEventAsync("CALL_CLOSED");

        var call = Assert.Single(await pbx.WaitForCallsAsync(alice.Number))!;
        Assert.Equal("internal", Text(call, "direction"));
        Assert.Equal(alice.Number, Text(call, "from"));
        Assert.Equal("Alice Log", Text(call, "fromName"));
        Assert.Equal(bob.Number, Text(call, "to"));
        Assert.Equal(alice.Number, Text(call, "extension"));
        Assert.Equal(bob.Number, Text(call, "answeredBy"));
        Assert.Equal("ANSWERED", Text(call, "disposition"));
        Assert.Equal("16", Text(call, "hangupCause"));
        Assert.InRange(call["billsec"]!.GetValue<int>(), 1, 10);
        Assert.True(call["duration"]!.GetValue<int>() >= call["billsec"]!.GetValue<int>());
        Assert.NotNull(call["answeredAt"]);
        Assert.Equal([alice.Number, bob.Number], call["extensions"]!.AsArray().Select(e => e!.GetValue<string>()).Order());
        // The callee's own view holds the same single call.
        Assert.Equal(Text(call, "callId"), Text(Assert.Single(await pbx.WaitForCallsAsync(bob.Number))!, "callId"));
    }

    [CallFact]
    public async Task A_recorded_call_links_its_recording_which_the_API_serves()
    {
        var agent = await pbx.CreateExtensionAsync("Recorded Log", customize: body => body["recording"] = "always");
        var customer = await pbx.CreateExtensionAsync("Customer Log");
        await pbx.Api.ApplyAsync();
        await using var agentPhone = await pbx.PhoneAsync(agent, toneHz: 440);
        await using var customerPhone = await pbx.PhoneAsync(customer, toneHz: 660);

        await customerPhone.CallAsync(pbx.Uri(agent.Number));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await customerPhone.HangUpAsync();
        await agentPhone.WaitForEventAsync("CALL_CLOSED");

        var call = Assert.Single(await pbx.WaitForCallsAsync(agent.Number))!;
        var url = Text(call, "recordingUrl");
        Assert.Equal($"/api/calls/{call["id"]}/recording", url);
        using var response = await pbx.Api.Http.GetAsync(new Uri(url!.TrimStart('/'), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        var wav = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
        Assert.True(wav.Length > 8_000, $"a two-second recording should hold audio, got {wav.Length} bytes");
    }

    [CallFact]
    public async Task A_call_nobody_answers_is_logged_as_no_answer()
    {
        var caller = await pbx.CreateExtensionAsync("Caller NA");
        var callee = await pbx.CreateExtensionAsync("Callee NA", customize: body => body["ringTimeoutSeconds"] = 5);
        await pbx.Api.ApplyAsync();
        await using var callerPhone = await pbx.PhoneAsync(caller);
        await using var calleePhone = await pbx.PhoneAsync(callee, autoAnswer: false);

        await callerPhone.DialAsync(pbx.Uri(callee.Number));
        await calleePhone.WaitForIncomingCallAsync();
        await callerPhone.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(20));

        var call = Assert.Single(await pbx.WaitForCallsAsync(caller.Number))!;
        Assert.Equal("internal", Text(call, "direction"));
        Assert.Equal(callee.Number, Text(call, "to"));
        Assert.Equal("NO ANSWER", Text(call, "disposition"));
        Assert.Null(call["answeredBy"]);
        Assert.Null(call["answeredAt"]);
        Assert.Equal(0, call["billsec"]!.GetValue<int>());
        Assert.InRange(call["duration"]!.GetValue<int>(), 4, 15);
    }

    [CallFact]
    public async Task A_call_the_callee_refuses_as_busy_is_logged_as_busy()
    {
        var caller = await pbx.CreateExtensionAsync("Caller Busy");
        var callee = await pbx.CreateExtensionAsync("Callee Busy");
        await pbx.Api.ApplyAsync();
        await using var callerPhone = await pbx.PhoneAsync(caller);
        await using var calleePhone = await pbx.PhoneAsync(callee, autoAnswer: false);

        await callerPhone.DialAsync(pbx.Uri(callee.Number));
        await calleePhone.WaitForIncomingCallAsync();
        // baresip refuses a ringing call with 486 Busy Here.
        await calleePhone.HangUpAsync();
        await callerPhone.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(20));

        var call = Assert.Single(await pbx.WaitForCallsAsync(caller.Number))!;
        Assert.Equal("BUSY", Text(call, "disposition"));
        Assert.Equal(callee.Number, Text(call, "to"));
        Assert.Equal(0, call["billsec"]!.GetValue<int>());
    }

    [CallFact]
    public async Task An_inbound_call_to_a_DID_is_logged_with_its_DID_trunk_and_the_extension_that_answered()
    {
        var desk = await pbx.CreateExtensionAsync("DID desk");
        var did = await pbx.RouteDidAsync(new { type = "extension", target = desk.Id.ToString(CultureInfo.InvariantCulture) });
        await pbx.Api.ApplyAsync();
        await using var deskPhone = await pbx.PhoneAsync(desk);
        await using var caller = await pbx.DidCallerAsync();

        await caller.CallAsync(pbx.DidUri(did));
        await Task.Delay(TimeSpan.FromSeconds(1));
        await caller.HangUpAsync();
        await deskPhone.WaitForEventAsync("CALL_CLOSED");

        var call = Assert.Single(await pbx.WaitForCallsAsync(desk.Number))!;
        Assert.Equal("inbound", Text(call, "direction"));
        Assert.Equal(did, Text(call, "did"));
        Assert.Equal(did, Text(call, "to"));
        Assert.Equal("carrier", Text(call, "from"));
        Assert.Equal("DID carrier", Text(call, "trunk"));
        Assert.NotNull(call["trunkId"]);
        Assert.Equal(desk.Number, Text(call, "answeredBy"));
        Assert.Equal(desk.Number, Text(call, "extension"));
        Assert.Equal("ANSWERED", Text(call, "disposition"));
        var trunkCalls = await pbx.Api.GetAsync("api/calls?trunk=" + call["trunkId"] + "&search=" + did);
        Assert.Equal(Text(call, "callId"), Text(Assert.Single(trunkCalls["items"]!.AsArray())!, "callId"));
    }

    [CallFact]
    public async Task An_outbound_call_through_a_trunk_is_logged_with_the_trunk_and_the_number()
    {
        var address = pbx.NextCarrierAddress();
        await using var carrier = await Carrier.StartAsync(pbx, address, 200);
        var sales = await pbx.CreateExtensionAsync("Outbound log");
        var trunkId = await pbx.CreateTrunkAsync("Log carrier " + address.Replace('.', '-'), address, carrier.Port);
        var prefix = "8" + sales.Number[^1];
        await pbx.Api.PostAsync("api/outbound-routes", new
        {
            name = "Log route " + sales.Number, patterns = new[] { $"_{prefix}XXXXXXX" }, strip = 2, prepend = "+1",
            trunkIds = new[] { trunkId }, allowedExtensionIds = new[] { sales.Id },
        });
        await pbx.Api.ApplyAsync();
        await using var phone = await pbx.PhoneAsync(sales);

        await phone.CallAsync(pbx.Uri(prefix + "5550123"));
        await Task.Delay(TimeSpan.FromSeconds(1));
        await phone.HangUpAsync();

        var call = Assert.Single(await pbx.WaitForCallsAsync(sales.Number))!;
        Assert.Equal("outbound", Text(call, "direction"));
        Assert.Equal("+15550123", Text(call, "to"));
        Assert.Equal(sales.Number, Text(call, "from"));
        Assert.Equal(sales.Number, Text(call, "extension"));
        Assert.Equal(trunkId, call["trunkId"]!.GetValue<long>());
        Assert.Equal("ANSWERED", Text(call, "disposition"));
        Assert.Null(call["did"]);
    }

    [CallFact]
    public async Task A_call_that_ends_while_BotPBX_is_stopped_is_logged_exactly_once_after_it_starts_again()
    {
        var alice = await pbx.CreateExtensionAsync("Alice Restart");
        var bob = await pbx.CreateExtensionAsync("Bob Restart");
        await pbx.Api.ApplyAsync();
        await using var alicePhone = await pbx.PhoneAsync(alice);
        await using var bobPhone = await pbx.PhoneAsync(bob);

        await alicePhone.CallAsync(pbx.Uri(bob.Number));
        await pbx.Api.StopAsync();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await alicePhone.HangUpAsync();
            await bobPhone.WaitForEventAsync("CALL_CLOSED");
            // Asterisk wrote the record itself while BotPBX was down.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (await pbx.RawRowsAsync(alice.Number) == 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
            Assert.True(await pbx.RawRowsAsync(alice.Number) > 0, "Asterisk should have written the CDR while BotPBX was stopped");
        }
        finally
        {
            await pbx.Api.StartAsync();
            await pbx.WaitForAmiAsync(TimeSpan.FromSeconds(30));
        }

        var call = Assert.Single(await pbx.WaitForCallsAsync(alice.Number))!;
        Assert.Equal("ANSWERED", Text(call, "disposition"));
        Assert.Equal(bob.Number, Text(call, "answeredBy"));
    }

    [CallFact]
    public async Task Click_to_call_rings_the_users_own_phone_first_then_dials_the_number_through_the_outbound_route()
    {
        var address = pbx.NextCarrierAddress();
        await using var carrier = await Carrier.StartAsync(pbx, address, 200);
        var (userId, client) = await pbx.SignedInUserAsync("agent");
        using var _ = client;
        var mine = await pbx.CreateExtensionAsync("Click caller", customize: body => body["userId"] = userId);
        var trunkId = await pbx.CreateTrunkAsync("Click carrier " + address.Replace('.', '-'), address, carrier.Port);
        var prefix = "5" + mine.Number[^1];
        await pbx.Api.PostAsync("api/outbound-routes", new
        {
            name = "Click route " + mine.Number, patterns = new[] { $"_{prefix}XXXXXXX" }, strip = 2,
            trunkIds = new[] { trunkId }, allowedExtensionIds = new[] { mine.Id },
        });
        await pbx.Api.ApplyAsync();
        await using var phone = await pbx.PhoneAsync(mine, autoAnswer: false);

        using var response = await client.PostAsJsonAsync(new Uri("api/calls/originate", UriKind.Relative), new { to = prefix + "5550188" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        // The user's phone rings first, showing the number; the carrier has been sent nothing yet.
        var ringing = await phone.WaitForIncomingCallAsync();
        Assert.Contains(prefix + "5550188", ringing.ToJsonString(), StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Empty(carrier.Invites());
        await phone.AnswerAsync();
        var invite = await carrier.WaitForInviteAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("5550188", Carrier.DialledNumber(invite));
        Assert.Equal(mine.Number, Carrier.CallerNumber(invite));
        await Task.Delay(TimeSpan.FromSeconds(1));
        await phone.HangUpAsync();

        var call = Assert.Single(await pbx.WaitForCallsAsync(mine.Number))!;
        Assert.Equal("outbound", Text(call, "direction"));
        Assert.Equal(mine.Number, Text(call, "originatedBy"));
        Assert.Equal("5550188", Text(call, "to"));
        Assert.Equal(trunkId, call["trunkId"]!.GetValue<long>());
    }

    [CallFact]
    public async Task Click_to_call_cannot_reach_a_number_the_users_extension_may_not_dial()
    {
        var address = pbx.NextCarrierAddress();
        await using var carrier = await Carrier.StartAsync(pbx, address, 200);
        var (userId, client) = await pbx.SignedInUserAsync("agent");
        using var _ = client;
        var mine = await pbx.CreateExtensionAsync("Click limited", customize: body => body["userId"] = userId);
        var other = await pbx.CreateExtensionAsync("Route owner");
        var trunkId = await pbx.CreateTrunkAsync("Guarded carrier " + address.Replace('.', '-'), address, carrier.Port);
        var prefix = "4" + mine.Number[^1];
        await pbx.Api.PostAsync("api/outbound-routes", new
        {
            name = "Guarded route " + mine.Number, patterns = new[] { $"_{prefix}XXXXXXX" }, strip = 2,
            trunkIds = new[] { trunkId }, allowedExtensionIds = new[] { other.Id },
        });
        await pbx.Api.ApplyAsync();
        await using var phone = await pbx.PhoneAsync(mine);

        using var response = await client.PostAsJsonAsync(new Uri("api/calls/originate", UriKind.Relative), new { to = prefix + "5550177" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await phone.WaitForEventAsync("CALL_ESTABLISHED");
        await phone.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(20));

        Assert.Empty(carrier.Invites());
        var bad = await client.PostAsJsonAsync(new Uri("api/calls/originate", UriKind.Relative), new { to = "5550177&PJSIP/" + other.Number });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
    }

    private static string? Text(JsonNode call, string field) => call[field]?.GetValue<string>();
}
