using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>A conference room: phones that dial its number are mixed together, and each hears the others.</summary>
[Collection(RealPbx.Name)]
public sealed class ConferenceCallTests(PbxFixture pbx)
{
    [Fact]
    public async Task Two_phones_in_a_conference_each_hear_the_other()
    {
        var alice = await pbx.CreateExtensionAsync("Conf Alice");
        var bob = await pbx.CreateExtensionAsync("Conf Bob");
        var room = await pbx.Api.PostAsync("api/conferences", new { number = pbx.NextNumber(), name = "Team room" });
        await pbx.Api.ApplyAsync();
        await using var alicePhone = await pbx.PhoneAsync(alice, toneHz: 440);
        await using var bobPhone = await pbx.PhoneAsync(bob, toneHz: 660);
        var number = room["number"]!.GetValue<string>();

        await alicePhone.CallAsync(pbx.Uri(number));
        // Alone, Alice hears "you are the only person in this conference"; then Bob joins.
        await Task.Delay(TimeSpan.FromSeconds(4));
        await bobPhone.CallAsync(pbx.Uri(number));
        await Task.Delay(TimeSpan.FromSeconds(5));
        var members = await pbx.Asterisk.CliOutputAsync("confbridge list " + number);
        await alicePhone.HangUpAsync();
        await bobPhone.HangUpAsync();
        await alicePhone.WaitForEventAsync("CALL_CLOSED");
        await bobPhone.WaitForEventAsync("CALL_CLOSED");

        Assert.Contains("PJSIP/" + alice.Number, members, StringComparison.Ordinal);
        Assert.Contains("PJSIP/" + bob.Number, members, StringComparison.Ordinal);
        var aliceHeard = await alicePhone.HeardAsync();
        var bobHeard = await bobPhone.HeardAsync();
        Assert.True(Tones.Heard(aliceHeard, 660), $"Alice should hear Bob's 660 Hz (presence {Tones.Presence(aliceHeard, 660):P0})");
        Assert.True(Tones.Heard(bobHeard, 440), $"Bob should hear Alice's 440 Hz (presence {Tones.Presence(bobHeard, 440):P0})");
        Assert.False(Tones.Heard(aliceHeard, 440), "Alice should not hear herself");
    }
}
