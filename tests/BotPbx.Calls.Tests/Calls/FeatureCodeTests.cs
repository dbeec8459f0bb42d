using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>Do-not-disturb, call forwarding and follow-me, set the way users set them: star codes from their own phone.</summary>
[Collection(RealPbx.Name)]
public sealed class FeatureCodeTests(PbxFixture pbx)
{
    [CallFact]
    public async Task Star_76_turns_do_not_disturb_on_so_callers_no_longer_ring_the_phone_and_again_turns_it_off()
    {
        var alice = await pbx.CreateExtensionAsync("Alice DND");
        var bob = await pbx.CreateExtensionAsync("Bob DND");
        await pbx.Api.ApplyAsync();
        await using var alicePhone = await pbx.PhoneAsync(alice);
        await using var bobPhone = await pbx.PhoneAsync(bob);

        await DialFeatureCodeAsync(alicePhone, "*76");
        Assert.True(Tones.Rms(await alicePhone.HeardAsync()) > 100, "Alice should hear the do-not-disturb confirmation");

        await bobPhone.DialAsync(pbx.Uri(alice.Number));
        var closed = await bobPhone.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(20));
        Assert.False(alicePhone.EverRang, "Alice's phone should not ring");
        Assert.DoesNotContain(bobPhone.Control.History, e => e["type"]?.ToString() == "CALL_ESTABLISHED");
        Assert.NotNull(closed);

        await DialFeatureCodeAsync(alicePhone, "*76");
        await bobPhone.CallAsync(pbx.Uri(alice.Number));
        await alicePhone.WaitForIncomingCallAsync();
        await bobPhone.HangUpAsync();
    }

    [CallFact]
    public async Task Star_72_forwards_every_call_to_the_number_dialled_after_it_and_star_73_stops_forwarding()
    {
        var alice = await pbx.CreateExtensionAsync("Alice CFA");
        var bob = await pbx.CreateExtensionAsync("Bob CFA");
        var carol = await pbx.CreateExtensionAsync("Carol CFA");
        await pbx.Api.ApplyAsync();
        await using var alicePhone = await pbx.PhoneAsync(alice);
        await using var bobPhone = await pbx.PhoneAsync(bob, toneHz: 440);
        await using var carolPhone = await pbx.PhoneAsync(carol, toneHz: 660);

        await DialFeatureCodeAsync(alicePhone, "*72" + carol.Number);
        await bobPhone.CallAsync(pbx.Uri(alice.Number));
        await carolPhone.WaitForEventAsync("CALL_ESTABLISHED");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await bobPhone.HangUpAsync();
        await carolPhone.WaitForEventAsync("CALL_CLOSED");

        Assert.False(alicePhone.EverRang, "Alice's phone should not ring");
        Assert.True(Tones.Heard(await carolPhone.HeardAsync(), 440), "Carol should hear Bob on the forwarded call");

        await DialFeatureCodeAsync(alicePhone, "*73");
        await bobPhone.CallAsync(pbx.Uri(alice.Number));
        await alicePhone.WaitForIncomingCallAsync();
        await bobPhone.HangUpAsync();
    }

    [CallFact]
    public async Task Star_52_forwards_calls_the_phone_does_not_answer()
    {
        var alice = await pbx.CreateExtensionAsync("Alice CFN", customize: e => e["ringTimeoutSeconds"] = 5);
        var bob = await pbx.CreateExtensionAsync("Bob CFN");
        var carol = await pbx.CreateExtensionAsync("Carol CFN");
        await pbx.Api.ApplyAsync();
        await using var alicePhone = await pbx.PhoneAsync(alice, autoAnswer: false);
        await using var bobPhone = await pbx.PhoneAsync(bob);
        await using var carolPhone = await pbx.PhoneAsync(carol);

        await DialFeatureCodeAsync(alicePhone, "*52" + carol.Number);
        await bobPhone.DialAsync(pbx.Uri(alice.Number));
        await alicePhone.WaitForIncomingCallAsync();
        // Alice lets it ring; after her ring time the call moves on to Carol, who answers.
        await carolPhone.WaitForEventAsync("CALL_ESTABLISHED", TimeSpan.FromSeconds(20));
        await bobPhone.HangUpAsync();
    }

    [CallFact]
    public async Task Follow_me_rings_the_next_number_when_the_extension_does_not_answer()
    {
        var carol = await pbx.CreateExtensionAsync("Carol FM");
        var alice = await pbx.CreateExtensionAsync("Alice FM", customize: e =>
        {
            e["ringTimeoutSeconds"] = 5;
            e["followMe"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["number"] = carol.Number,
                ["ringSeconds"] = 10,
            });
        });
        var bob = await pbx.CreateExtensionAsync("Bob FM");
        await pbx.Api.ApplyAsync();
        await using var alicePhone = await pbx.PhoneAsync(alice, autoAnswer: false);
        await using var bobPhone = await pbx.PhoneAsync(bob);
        await using var carolPhone = await pbx.PhoneAsync(carol);

        await bobPhone.DialAsync(pbx.Uri(alice.Number));
        await alicePhone.WaitForIncomingCallAsync();
        await carolPhone.WaitForEventAsync("CALL_ESTABLISHED", TimeSpan.FromSeconds(20));
        await bobPhone.HangUpAsync();
    }

    /// <summary>Dials a star code, which answers, confirms with a prompt and hangs up by itself.</summary>
    private async Task DialFeatureCodeAsync(Phone phone, string code)
    {
        await phone.DialAsync(pbx.Uri(code));
        await phone.WaitForEventAsync("CALL_ESTABLISHED");
        await phone.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(20));
    }
}
