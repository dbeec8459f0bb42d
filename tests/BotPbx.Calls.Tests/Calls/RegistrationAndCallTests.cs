using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls;

[Collection(RealPbx.Name)]
public sealed class RegistrationAndCallTests(PbxFixture pbx)
{
    [CallFact]
    public async Task A_phone_registers_with_its_extensions_password()
    {
        var extension = await pbx.CreateExtensionAsync();
        await pbx.Api.ApplyAsync();

        await using var phone = await pbx.PhoneAsync(extension);

        var contacts = await pbx.Asterisk.CliOutputAsync("pjsip show contacts");
        Assert.Contains(extension.Number + "/sip:", contacts, StringComparison.Ordinal);
    }

    [CallFact]
    public async Task A_wrong_password_is_refused()
    {
        var extension = await pbx.CreateExtensionAsync();
        await pbx.Api.ApplyAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var phone = await pbx.PhoneAsync(extension with { Secret = "not-the-password-123" });
        });

        Assert.Contains("REGISTER_FAIL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(extension.Number + "/sip:", await pbx.Asterisk.CliOutputAsync("pjsip show contacts"), StringComparison.Ordinal);
    }

    [CallFact]
    public async Task Two_phones_call_each_other_and_each_hears_the_other()
    {
        var alice = await pbx.CreateExtensionAsync("Alice");
        var bob = await pbx.CreateExtensionAsync("Bob");
        await pbx.Api.ApplyAsync();
        await using var alicePhone = await pbx.PhoneAsync(alice, toneHz: 440);
        await using var bobPhone = await pbx.PhoneAsync(bob, toneHz: 660);

        await alicePhone.CallAsync(pbx.Uri(bob.Number));
        await bobPhone.WaitForEventAsync("CALL_ESTABLISHED");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await alicePhone.HangUpAsync();
        await bobPhone.WaitForEventAsync("CALL_CLOSED");

        var aliceHeard = await alicePhone.HeardAsync();
        var bobHeard = await bobPhone.HeardAsync();
        Assert.True(Tones.Heard(aliceHeard, 660), $"Alice should hear Bob's 660 Hz (presence {Tones.Presence(aliceHeard, 660):P0})");
        Assert.True(Tones.Heard(bobHeard, 440), $"Bob should hear Alice's 440 Hz (presence {Tones.Presence(bobHeard, 440):P0})");
        Assert.False(Tones.Heard(aliceHeard, 440), "Alice should not hear herself");
    }
}
