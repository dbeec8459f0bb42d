using System.Globalization;
using System.Text.Json.Nodes;
using BotPbx.Calls.Tests.Harness;
using Xunit.Abstractions;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>
/// SIP brute-force protection on the real Asterisk (issue 9): an address guessing passwords is banned by BotPBX on its
/// own, through Asterisk's security events and a res_pjsip_acl deny list, while phones elsewhere carry on.
/// </summary>
[Collection(RealPbx.Name)]
public sealed class SipBanTests(PbxFixture pbx, ITestOutputHelper output)
{
    private const string Attacker = "127.0.2.9";

    [CallFact]
    public async Task An_address_guessing_passwords_is_banned_and_refused_while_a_good_phone_keeps_registering_and_calling()
    {
        await pbx.Api.PutAsync("api/security/sip-protection", new
        {
            enabled = true, maxFailures = 5, windowSeconds = 60, banSeconds = 3600, allowList = new[] { "127.0.0.1/32", "::1/128" },
        });
        var alice = await pbx.CreateExtensionAsync("Alice ban");
        var bob = await pbx.CreateExtensionAsync("Bob ban");
        await pbx.Api.ApplyAsync();
        await using var alicePhone = await pbx.PhoneAsync(alice);
        // Saved but not applied: banning must not apply the administrator's pending changes.
        var pending = await pbx.CreateExtensionAsync("Pending ban");

        // 60 guesses at alice's password, 20 a second, one at a time.
        var attack = await SipRegisterAttack.RunAsync(pbx, Attacker, alice.Number, guesses: 60, perSecond: 20);

        var refused = attack.RefusedGuesses();
        var forbidden = attack.Forbidden();
        Assert.True(refused.Count >= 5, $"Asterisk should have checked and refused at least 5 guesses; it refused {refused.Count} (see {attack.Directory})");
        Assert.True(forbidden.Count > 0, $"the attacker should be refused with 403 once banned (see {attack.Directory})");
        var fifth = refused[4];
        var firstForbidden = forbidden[0];
        Assert.True(firstForbidden.At > fifth.At);
        // Once refused, every later request is refused: no password is checked for it any more.
        Assert.DoesNotContain(refused, r => r.At > firstForbidden.At);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"time to ban: {(firstForbidden.At - fifth.At).TotalMilliseconds:F0} ms from the answer to the 5th wrong password to the first 403 " +
            $"({refused.Count - 5} more guesses were checked in between; {forbidden.Count} requests refused with 403; guesses every 50 ms)"));

        var bans = await pbx.Api.GetAsync("api/security/sip-bans");
        var ban = bans["items"]!.AsArray().Single(b => b!["address"]!.ToString() == Attacker)!;
        Assert.Equal(alice.Number, ban["lastAccount"]!.ToString());
        var banFile = Path.Combine(pbx.Asterisk.EtcDirectory, "botpbx-runtime", "pjsip_bans.conf");
        Assert.Contains("deny=" + Attacker + "/32", await File.ReadAllTextAsync(banFile), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(banFile));
        // The ban did not apply the pending extension.
        Assert.True((await pbx.Api.GetAsync("api/system/asterisk"))["pendingChanges"]!.GetValue<bool>());
        Assert.DoesNotContain(" " + pending.Number + "/", await pbx.Asterisk.CliOutputAsync("pjsip show endpoints"), StringComparison.Ordinal);

        // A good phone on 127.0.0.1 registers afresh and calls.
        await using (var bobPhone = await pbx.PhoneAsync(bob))
        {
            await alicePhone.CallAsync(pbx.Uri(bob.Number));
            await bobPhone.WaitForEventAsync("CALL_ESTABLISHED");
            await alicePhone.HangUpAsync();
            await bobPhone.WaitForEventAsync("CALL_CLOSED");
        }

        // Applying the pending change keeps the ban.
        await pbx.Api.ApplyAsync();
        Assert.Contains(" " + pending.Number + "/", await pbx.Asterisk.CliOutputAsync("pjsip show endpoints"), StringComparison.Ordinal);
        var afterApply = await SipRegisterAttack.RunAsync(pbx, Attacker, alice.Number, guesses: 1, perSecond: 10);
        Assert.Single(afterApply.Forbidden());
        Assert.Empty(afterApply.RefusedGuesses());

        // Lifted by an administrator: the address is heard again at once.
        await pbx.Api.DeleteAsync("api/security/sip-bans/" + ban["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
        var afterUnban = await SipRegisterAttack.RunAsync(pbx, Attacker, alice.Number, guesses: 1, perSecond: 10);
        Assert.Empty(afterUnban.Forbidden());
        Assert.Single(afterUnban.RefusedGuesses());
        Assert.DoesNotContain("deny=", await File.ReadAllTextAsync(banFile), StringComparison.Ordinal);

        var audit = (await pbx.Api.GetAsync("api/audit?limit=200"))["items"]!.AsArray().Select(e => (JsonObject)e!).ToList();
        Assert.Contains(audit, e => e["action"]!.ToString() == "sip.banned" && e["target"]!.ToString() == Attacker);
        Assert.Contains(audit, e => e["action"]!.ToString() == "sip.unbanned" && e["target"]!.ToString() == Attacker);
    }
}
