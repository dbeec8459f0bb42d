using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>A conference room: phones that dial its number are mixed together, and each hears the others.</summary>
[Collection(RealPbx.Name)]
public sealed class ConferenceCallTests(PbxFixture pbx)
{
    [CallFact]
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

    [CallFact]
    public async Task A_room_with_a_pin_admits_a_caller_only_after_the_right_pin()
    {
        var alice = await pbx.CreateExtensionAsync("Pin Alice");
        var bob = await pbx.CreateExtensionAsync("Pin Bob");
        var room = await pbx.Api.PostAsync("api/conferences", new { number = pbx.NextNumber(), name = "Pin room", pin = "4242" });
        await pbx.Api.ApplyAsync();
        await using var alicePhone = await pbx.PhoneAsync(alice, toneHz: 440);
        await using var bobPhone = await pbx.PhoneAsync(bob, toneHz: 660);
        var number = room["number"]!.GetValue<string>();

        // "Please enter the conference pin", then the digits and # (Read() ends on #).
        await alicePhone.CallAsync(pbx.Uri(number));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await alicePhone.PressAsync("4242#");
        await bobPhone.CallAsync(pbx.Uri(number));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await bobPhone.PressAsync("1111#");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var beforeRightPin = await pbx.Asterisk.CliOutputAsync("confbridge list " + number);
        // "That pin is invalid", asked again.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await bobPhone.PressAsync("4242#");
        // Bob hears "there is one other participant" and joins; then both talk for a few seconds.
        await Task.Delay(TimeSpan.FromSeconds(8));
        var members = await pbx.Asterisk.CliOutputAsync("confbridge list " + number);
        await alicePhone.HangUpAsync();
        await bobPhone.HangUpAsync();
        await alicePhone.WaitForEventAsync("CALL_CLOSED");
        await bobPhone.WaitForEventAsync("CALL_CLOSED");

        Assert.Contains("PJSIP/" + alice.Number, beforeRightPin, StringComparison.Ordinal);
        Assert.DoesNotContain("PJSIP/" + bob.Number, beforeRightPin, StringComparison.Ordinal);
        Assert.Contains("PJSIP/" + bob.Number, members, StringComparison.Ordinal);
        // Before, Alice was alone with the music on hold; the last 3 s are after Bob joined.
        var aliceHeard = await alicePhone.HeardAsync();
        var together = aliceHeard.AsSpan(Math.Max(0, aliceHeard.Length - 3 * Wav.SampleRate));
        Assert.True(Tones.Heard(together, 660), $"Alice should hear Bob once he is in (presence {Tones.Presence(together, 660):P0})");
    }
}
