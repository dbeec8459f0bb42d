using System.Diagnostics;
using System.Globalization;
using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;
using BotPbx.Ivr.Prompts;
using Xunit.Abstractions;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>
/// A figure, not a check (DESIGN.md: tests never assert timings): how long a caller waits from dialling (the INVITE
/// leaves the phone) to the first sound of an IVR's greeting — SIP set-up, Answer(), the FastAGI hand-off, loading the
/// flow, the prompt (cached after the first call) and STREAM FILE. Printed and written to
/// artifacts/test-results/ivr-first-audio.txt.
/// </summary>
[Collection(RealPbx.Name)]
public sealed class IvrAnswerLatencyBenchmark(PbxFixture pbx, ITestOutputHelper output)
{
    private static readonly int Calls = BenchmarkSample.Calls(full: 20, quick: 5);

    [CallFact]
    public async Task Dial_to_first_audio_of_an_IVR_prompt_p50()
    {
        const string Greeting = "Thank you for calling. This is the benchmark greeting.";
        var flow = new IvrFlow()
            .Play("greeting", Greeting)
            .Hangup("bye")
            .Then("start", "next", "greeting")
            .Then("greeting", "next", "bye");
        var ivr = await pbx.PublishIvrAsync("Latency " + pbx.NextNumber(), flow, warmUp: false);
        var did = await pbx.RouteDidAsync(new { type = "ivr", target = ivr.ToString(CultureInfo.InvariantCulture) });
        await pbx.Api.ApplyAsync();
        await using var caller = await pbx.DidCallerAsync();

        // A first call synthesises the prompt (a once-per-text cost, not a caller's usual wait): not counted.
        var uri = pbx.DidUri(did);
        var (first, _) = await MeasureAsync(caller, uri);
        var totals = new List<double>();
        var answers = new List<double>();
        for (var i = 0; i < Calls; i++)
        {
            var (total, answered) = await MeasureAsync(caller, uri);
            totals.Add(total);
            answers.Add(answered);
        }

        totals.Sort();
        answers.Sort();
        // Part of the wait is silence at the start of the synthesised prompt itself.
        var prompt = Directory.GetFiles(pbx.WorkDirectory, PromptCache.HashOf("flite", "kal", Greeting) + ".wav", SearchOption.AllDirectories).Single();
        var lead = Tones.FirstSound(Wav.Read(prompt))?.TotalMilliseconds ?? double.NaN;
        var lines = new[]
        {
            string.Create(CultureInfo.InvariantCulture,
                $"ivr dial→first prompt audio: p50 {Percentile(totals, 0.5):F0} ms, p90 {Percentile(totals, 0.9):F0} ms, min {totals[0]:F0} ms, max {totals[^1]:F0} ms over {Calls} calls"),
            string.Create(CultureInfo.InvariantCulture,
                $"  of which dial→answer (200 OK) p50 {Percentile(answers, 0.5):F0} ms; the prompt file starts with {lead:F0} ms of silence; first call (synthesis included) {first:F0} ms"),
            "  samples (ms): " + string.Join(", ", totals.Select(t => t.ToString("F0", CultureInfo.InvariantCulture))),
        };
        foreach (var line in lines) output.WriteLine(line);
        var artifacts = Directory.CreateDirectory(Path.Combine(AsteriskRoot.RepositoryRoot(), "artifacts", "test-results")).FullName;
        await File.WriteAllTextAsync(Path.Combine(artifacts, "ivr-first-audio.txt"), $"{DateTimeOffset.UtcNow:O}\n{string.Join('\n', lines)}\n");
        Assert.Equal(Calls, totals.Count);
    }

    /// <summary>
    /// Milliseconds from the dial command to the first loud 20 ms of what the caller heard. baresip starts its
    /// recording when the call's audio starts (the 200 OK: Answer() comes before the IVR), so the figure is the time
    /// to the answer plus the offset of the first sound in the recording.
    /// </summary>
    private static async Task<(double Total, double Answered)> MeasureAsync(Phone caller, string uri)
    {
        File.Delete(caller.HeardFile);
        var clock = Stopwatch.StartNew();
        await caller.DialAsync(uri);
        await caller.WaitForEventAsync("CALL_ESTABLISHED", TimeSpan.FromSeconds(30));
        var answered = clock.Elapsed;
        await caller.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(30));
        var heard = await caller.HeardAsync();
        var sound = Tones.FirstSound(heard) ?? throw new InvalidOperationException("the caller heard no greeting");
        return ((answered + sound).TotalMilliseconds, answered.TotalMilliseconds);
    }

    private static double Percentile(List<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
