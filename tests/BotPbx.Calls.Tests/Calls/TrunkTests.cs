using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>Calls that cross a SIP trunk: in on a DID from the carrier's address, out through outbound routes.</summary>
[Collection(RealPbx.Name)]
public sealed class TrunkTests(PbxFixture pbx)
{
    [CallFact]
    public async Task A_call_on_a_DID_from_the_carriers_address_rings_the_routed_extension_and_both_hear_each_other()
    {
        var carrierAddress = pbx.NextCarrierAddress();
        var desk = await pbx.CreateExtensionAsync("Front desk");
        var trunkId = await pbx.CreateTrunkAsync("Carrier in " + carrierAddress.Replace('.', '-'), carrierAddress, 5060);
        await pbx.Api.PostAsync("api/inbound-routes", new
        {
            name = "Main number " + desk.Number,
            did = "+1555000" + desk.Number,
            trunkId,
            destination = new { type = "extension", target = desk.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
        await pbx.Api.ApplyAsync();
        await using var deskPhone = await pbx.PhoneAsync(desk, toneHz: 440);
        await using var carrier = await pbx.CarrierPhoneAsync(carrierAddress, toneHz: 880);

        await carrier.CallAsync($"sip:+1555000{desk.Number}@{pbx.SipAddress}");
        await deskPhone.WaitForEventAsync("CALL_ESTABLISHED");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await carrier.HangUpAsync();
        await deskPhone.WaitForEventAsync("CALL_CLOSED");

        Assert.True(Tones.Heard(await deskPhone.HeardAsync(), 880), "the desk phone should hear the caller");
        Assert.True(Tones.Heard(await carrier.HeardAsync(), 440), "the caller should hear the desk phone");
    }

    [CallFact]
    public async Task An_outbound_route_strips_and_prepends_digits_and_sends_the_routes_caller_id()
    {
        var carrierAddress = pbx.NextCarrierAddress();
        await using var carrier = await Carrier.StartAsync(pbx, carrierAddress, 200);
        var sales = await pbx.CreateExtensionAsync("Sales");
        var trunkId = await pbx.CreateTrunkAsync("Carrier out " + carrierAddress.Replace('.', '-'), carrierAddress, carrier.Port);
        var prefix = "7" + sales.Number[^1];
        await pbx.Api.PostAsync("api/outbound-routes", new
        {
            name = "National " + sales.Number,
            patterns = new[] { $"_{prefix}NXXNXXXXXX" },
            strip = 2,
            prepend = "+1",
            trunkIds = new[] { trunkId },
            callerIdOverride = "+15550009999",
            allowedExtensionIds = new[] { sales.Id },
        });
        await pbx.Api.ApplyAsync();
        await using var phone = await pbx.PhoneAsync(sales);

        await phone.CallAsync(pbx.Uri(prefix + "2125551234"));
        var invite = await carrier.WaitForInviteAsync(TimeSpan.FromSeconds(10));
        await phone.HangUpAsync();

        Assert.Equal("+12125551234", Carrier.DialledNumber(invite));
        Assert.Equal("+15550009999", Carrier.CallerNumber(invite));
    }

    [CallFact]
    public async Task When_the_first_trunk_answers_503_the_call_fails_over_to_the_second()
    {
        var failingAddress = pbx.NextCarrierAddress();
        var workingAddress = pbx.NextCarrierAddress();
        await using var failing = await Carrier.StartAsync(pbx, failingAddress, 503);
        await using var working = await Carrier.StartAsync(pbx, workingAddress, 200);
        var caller = await pbx.CreateExtensionAsync("Failover caller");
        var first = await pbx.CreateTrunkAsync("Busy carrier " + failingAddress.Replace('.', '-'), failingAddress, failing.Port);
        var second = await pbx.CreateTrunkAsync("Spare carrier " + workingAddress.Replace('.', '-'), workingAddress, working.Port);
        var prefix = "6" + caller.Number[^1];
        await pbx.Api.PostAsync("api/outbound-routes", new
        {
            name = "Failover " + caller.Number,
            patterns = new[] { $"_{prefix}XXXXXXX" },
            strip = 2,
            trunkIds = new[] { first, second },
            allowedExtensionIds = new[] { caller.Id },
        });
        await pbx.Api.ApplyAsync();
        await using var phone = await pbx.PhoneAsync(caller);

        await phone.CallAsync(pbx.Uri(prefix + "5551234"));
        await phone.HangUpAsync();

        Assert.Equal("5551234", Carrier.DialledNumber(await failing.WaitForInviteAsync(TimeSpan.FromSeconds(5))));
        Assert.Equal("5551234", Carrier.DialledNumber(await working.WaitForInviteAsync(TimeSpan.FromSeconds(5))));
    }
}
