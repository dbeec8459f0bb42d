using System.Globalization;
using System.Text.Json.Nodes;
using BotPbx.Calls.Tests.Harness;
using Xunit.Abstractions;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>
/// A figure, not a check: how often Asterisk's AMD() with seed 003's settings gets the two test greetings right over 20
/// calls each — a person's "Hello?" then silence (should be HUMAN) and a machine's long greeting (should be MACHINE).
/// Printed and written to artifacts/test-results/amd-accuracy.txt. Skipped unless BOTPBX_BENCH_AMD=1 (40 calls, ~2 min).
/// </summary>
[Collection(RealPbx.Name)]
public sealed class AmdAccuracyBenchmark(PbxFixture pbx, ITestOutputHelper output)
{
    private const int CallsEach = 20;

    [CallFact]
    public async Task Amd_accuracy_on_a_spoken_hello_and_a_long_greeting_over_20_calls_each()
    {
        if (Environment.GetEnvironmentVariable("BOTPBX_BENCH_AMD") != "1")
        {
            output.WriteLine("skipped: set BOTPBX_BENCH_AMD=1 to run the 40-call AMD benchmark");
            return;
        }
        var hello = await Campaigns.SpeechThenSilenceAsync(pbx, "Hello?", TimeSpan.FromSeconds(30));
        var greeting = await Campaigns.SpeechThenSilenceAsync(pbx,
            "Hi, you have reached the voicemail of John Smith. I cannot take your call right now, please leave a message after the tone.",
            TimeSpan.FromSeconds(30), beepHz: 1000);
        // A person is sent to an extension with no phone: the call ends at once, only the AMD verdict matters here.
        var nobody = await pbx.CreateExtensionAsync("AMD bench nobody");
        var lines = new List<string>();
        foreach (var (label, wav, expected) in new[] { ("hello", hello, "HUMAN"), ("greeting", greeting, "MACHINE") })
        {
            var (line, trunk) = await pbx.SubscriberAsync(a => Carrier.StartSpeakingAsync(pbx, a, wav));
            await using var subscriber = line;
            var campaign = await pbx.CreateCampaignAsync("AMD bench " + label, trunk,
                new { type = "extension", target = nobody.Id.ToString(CultureInfo.InvariantCulture) }, c => c["concurrentCalls"] = 4);
            await pbx.Api.ApplyAsync();
            await pbx.Api.PostAsync($"api/campaigns/{campaign}/contacts", Enumerable.Range(0, CallsEach).Select(_ => new { phone = pbx.NextE164() }).ToArray());
            await pbx.Api.PostAsync($"api/campaigns/{campaign}/start", new { });
            await pbx.WaitForStatsAsync(campaign, s => s.Number("total") == CallsEach && s.Number("inProgress") == 0, TimeSpan.FromMinutes(4));
            var verdicts = new List<string>();
            foreach (var contact in await pbx.ContactsAsync(campaign))
                verdicts.Add((await pbx.AttemptsAsync(campaign, contact!.Number("id"))).Single()!["amdStatus"]?.ToString() ?? "none");
            var right = verdicts.Count(v => v == expected);
            lines.Add($"AMD on the {label} ({expected} expected): {right}/{verdicts.Count} right ({100.0 * right / verdicts.Count:F0} %); " +
                      string.Join(", ", verdicts.GroupBy(v => v).Select(g => $"{g.Key} {g.Count()}")));
        }
        foreach (var l in lines) output.WriteLine(l);
        var artifacts = Directory.CreateDirectory(Path.Combine(AsteriskRoot.RepositoryRoot(), "artifacts", "test-results")).FullName;
        await File.WriteAllTextAsync(Path.Combine(artifacts, "amd-accuracy.txt"), $"{DateTimeOffset.UtcNow:O}\n{string.Join('\n', lines)}\n");
    }
}
