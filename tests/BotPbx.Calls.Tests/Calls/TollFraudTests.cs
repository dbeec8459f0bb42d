using System.Globalization;
using System.Text.RegularExpressions;
using BotPbx.Calls.Tests.Harness;
using Xunit.Abstractions;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>
/// Known toll-fraud attacks, replayed on the real Asterisk (docs/security.md, "Attack table"). Each one worked on an
/// earlier BotPBX; each must now fail: nothing rings that should not, and nothing leaves on a trunk.
/// </summary>
[Collection(RealPbx.Name)]
public sealed partial class TollFraudTests(PbxFixture pbx, ITestOutputHelper output)
{
    [CallFact]
    public async Task A_stranger_naming_a_trunk_in_its_From_header_is_not_taken_for_that_trunk()
    {
        var carrierAddress = pbx.NextCarrierAddress();
        var desk = await pbx.CreateExtensionAsync("Spoof target");
        var trunkId = await pbx.CreateTrunkAsync("Real carrier " + carrierAddress.Replace('.', '-'), carrierAddress, 5060);
        var did = "+1555111" + desk.Number;
        await pbx.Api.PostAsync("api/inbound-routes", new
        {
            name = "Spoof DID " + desk.Number,
            did,
            trunkId,
            destination = new { type = "extension", target = desk.Id.ToString(CultureInfo.InvariantCulture) },
        });
        await pbx.Api.ApplyAsync();
        await using var deskPhone = await pbx.PhoneAsync(desk);
        // The attacker knows (or guesses) the trunk's endpoint name and sends from an address that is not the trunk's.
        var endpoint = TrunkEndpointName(await pbx.Asterisk.CliOutputAsync("pjsip show endpoints"), trunkId);
        await using var attacker = await Phone.StartAsync(pbx.Root, pbx.WorkDirectory, new Phone.Options
        {
            Name = "spoofer",
            Aor = $"sip:{endpoint}@{pbx.SipAddress}",
            Address = pbx.NextCarrierAddress(),
        });

        await attacker.DialAsync($"sip:{did}@{pbx.SipAddress}");
        var closed = await attacker.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(20));

        output.WriteLine("the spoofed INVITE ended with: " + closed["param"]);
        Assert.DoesNotContain(attacker.Control.History, e => e["type"]?.ToString() == "CALL_ESTABLISHED");
        Assert.False(deskPhone.EverRang, "the spoofed call must not reach the DID's extension");
    }

    [CallFact]
    public async Task An_ampersand_in_a_dialled_number_does_not_add_a_second_dial_target()
    {
        var carrierAddress = pbx.NextCarrierAddress();
        await using var carrier = await Carrier.StartAsync(pbx, carrierAddress, 200);
        var caller = await pbx.CreateExtensionAsync("Injector");
        var victim = await pbx.CreateExtensionAsync("Injection victim");
        var trunkId = await pbx.CreateTrunkAsync("Intl carrier " + carrierAddress.Replace('.', '-'), carrierAddress, carrier.Port);
        var prefix = "5" + caller.Number[^1];
        await pbx.Api.PostAsync("api/outbound-routes", new
        {
            name = "International " + caller.Number,
            patterns = new[] { prefix + "011." },
            strip = 2,
            trunkIds = new[] { trunkId },
            allowedExtensionIds = new[] { caller.Id },
        });
        await pbx.Api.ApplyAsync();
        await using var callerPhone = await pbx.PhoneAsync(caller);
        await using var victimPhone = await pbx.PhoneAsync(victim);

        // 90111&PJSIP/2101 from the original report, with this run's prefix, and a third target so that the victim's
        // own endpoint (not the trunk) would ring: Dial(PJSIP/0111&PJSIP/<victim>&PJSIP/0@trunk).
        await callerPhone.DialAsync($"sip:{prefix}0111&PJSIP/{victim.Number}&PJSIP/0@{pbx.SipAddress}");
        await Task.Delay(TimeSpan.FromSeconds(4));
        await callerPhone.HangUpAsync();

        Assert.False(victimPhone.EverRang, "the injected second target must not ring");
        Assert.All(carrier.Invites(), invite => Assert.Matches("^[0-9*#+]+$", Carrier.DialledNumber(invite)));
        Assert.DoesNotContain(await DialTargetsAsync(), target => target.StartsWith("PJSIP/" + victim.Number, StringComparison.Ordinal));
    }

    [CallFact]
    public async Task Thousands_of_hostile_dial_strings_create_no_channel_outside_the_phones_routes()
    {
        var carrierAddress = pbx.NextCarrierAddress();
        await using var carrier = await Carrier.StartAsync(pbx, carrierAddress, 486);
        var caller = await pbx.CreateExtensionAsync("Fuzzer");
        var victim = await pbx.CreateExtensionAsync("Fuzz victim");
        var trunkId = await pbx.CreateTrunkAsync("Fuzz carrier " + carrierAddress.Replace('.', '-'), carrierAddress, carrier.Port);
        var prefix = "4" + caller.Number[^1];
        await pbx.Api.PostAsync("api/outbound-routes", new
        {
            name = "Fuzz route " + caller.Number,
            patterns = new[] { prefix + "NXXXXXX", prefix + "011." },
            strip = 2,
            trunkIds = new[] { trunkId },
            allowedExtensionIds = new[] { caller.Id },
        });
        await pbx.Api.ApplyAsync();
        await using var victimPhone = await pbx.PhoneAsync(victim);
        // The same seeded strings every run: ./test.sh tries the first 1,000, BOTPBX_BENCH_FULL=1 all 2,000.
        var strings = HostileDialStrings.Generate(seed: 8, count: BenchmarkSample.Calls(full: 2000, quick: 1000), prefix, victim.Number).ToList();
        var before = await DialTargetsAsync();

        var result = await SippCaller.CallEachAsync(pbx, caller, strings, TimeSpan.FromMinutes(4));

        var targets = (await DialTargetsAsync()).Skip(before.Count).ToList();
        var trunkEndpoint = TrunkEndpointName(await pbx.Asterisk.CliOutputAsync("pjsip show endpoints"), trunkId);
        var violations = targets.Where(t => !AllowedTarget(t, trunkEndpoint)).ToList();
        violations.AddRange(carrier.Invites().Select(Carrier.DialledNumber).Where(n => !Regex.IsMatch(n, "^[0-9*#+]+$")));
        if (victimPhone.EverRang) violations.Add("the victim's phone rang");
        // Forwarding codes (*72, *90, *52 followed by anything) may only ever store a dialable number.
        var stored = await pbx.Asterisk.CliOutputAsync("database show BOTPBX/" + caller.Number);
        violations.AddRange(stored.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("/BOTPBX/", StringComparison.Ordinal))
            .Where(l => !Regex.IsMatch(l, @"^/BOTPBX/\d+/\w+\s*:\s*[0-9*#+]*$")).Select(l => "stored: " + l));
        output.WriteLine($"fuzzed {strings.Count} dial strings ({result.Completed} calls completed, {result.Failed} went wrong); " +
                         $"{targets.Count} dial targets, {carrier.Invites().Count} reached the carrier; " +
                         $"{violations.Count} violations");
        foreach (var v in violations.Take(20)) output.WriteLine("violation: " + v);
        Assert.True(result.Sent >= strings.Count, $"every string should be tried ({result.Sent} of {strings.Count})");
        Assert.Empty(violations);
    }

    /// <summary>The only channel the fuzzing phone may create: its route's trunk, asked for a dialable number.</summary>
    private static bool AllowedTarget(string target, string trunkEndpoint) =>
        Regex.IsMatch(target, "^PJSIP/[0-9*#+]+@" + Regex.Escape(trunkEndpoint) + "$");

    /// <summary>Every channel Asterisk dialled so far ("Called …" in its console log), oldest first.</summary>
    private async Task<List<string>> DialTargetsAsync()
    {
        await Task.Delay(200);
        var log = await File.ReadAllTextAsync(pbx.Asterisk.ConsoleLog);
        return CalledLine().Matches(Regex.Replace(log, @"\x1b\[[0-9;]*m", "")).Select(m => m.Groups[1].Value.Trim()).ToList();
    }

    private static string TrunkEndpointName(string endpoints, long trunkId)
    {
        // Whatever BotPBX names the trunk's endpoint now, take it from Asterisk as an attacker who guessed it would.
        var match = Regex.Match(Regex.Replace(endpoints, @"\x1b\[[0-9;]*m", ""), @"Endpoint:\s+(\S*trunk\S*?" + trunkId.ToString(CultureInfo.InvariantCulture) + @"\S*)");
        return match.Success ? match.Groups[1].Value : "botpbx-trunk-" + trunkId.ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"-- Called (.+)$", RegexOptions.Multiline)]
    private static partial Regex CalledLine();
}
