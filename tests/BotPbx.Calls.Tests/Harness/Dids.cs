using System.Runtime.CompilerServices;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// Calls from outside to a DID: one carrier trunk per PBX (identified by its own loopback address, no registration),
/// an inbound route per DID to the destination under test, and the carrier's phone dialling <c>sip:DID@pbx</c> as a
/// provider's switch would. IVRs, time conditions and the like have no internal number: this is how a call reaches them.
/// </summary>
public static class Dids
{
    // One trunk for every DID test: its address stays reserved for it, so no other trunk matches its calls.
    private static readonly ConditionalWeakTable<PbxFixture, Task<(long Trunk, string Address)>> Carriers = new();

    /// <summary>Routes a new DID from the DID carrier's trunk to <paramref name="destination"/>; the caller applies.</summary>
    /// <param name="destination">A PBX destination, e.g. <c>new { type = "ivr", target = "3" }</c>.</param>
    public static async Task<string> RouteDidAsync(this PbxFixture pbx, object destination)
    {
        var (trunk, _) = await CarrierAsync(pbx);
        var did = "555" + pbx.NextNumber();
        await pbx.Api.PostAsync("api/inbound-routes", new { name = "DID " + did, did, trunkId = trunk, destination });
        return did;
    }

    /// <summary>A phone on the DID carrier's address: it calls DIDs with <see cref="DidUri"/>.</summary>
    public static async Task<Phone> DidCallerAsync(this PbxFixture pbx, double toneHz = 440, string? sayWav = null)
    {
        var (_, address) = await CarrierAsync(pbx);
        return await pbx.CarrierPhoneAsync(address, toneHz, sayWav);
    }

    /// <summary>Where the carrier sends a DID: the PBX's own SIP address.</summary>
    public static string DidUri(this PbxFixture pbx, string did) => $"sip:{did}@{pbx.SipAddress}";

    private static Task<(long, string)> CarrierAsync(PbxFixture pbx) => Carriers.GetValue(pbx, async p =>
    {
        var address = p.NextCarrierAddress();
        // Port 5060 is never dialled: these tests only receive calls from the carrier.
        return (await p.CreateTrunkAsync("DID carrier", address, 5060), address);
    });
}
