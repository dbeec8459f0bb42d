using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Audio;

/// <summary>
/// Words in calls, with the root's flite and pocketsphinx (ASTERISK.md, "Speech for tests"). Recognition is asked to
/// choose among the sentences a test expects could be said (a JSGF grammar of exactly those): with a closed list it
/// is fast and reliable on telephone audio, and it answers "" for silence or tones.
/// </summary>
public static partial class Speech
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Speaks <paramref name="text"/> with flite into an 8 kHz WAV in the work folder (a phone's microphone).</summary>
    public static async Task<string> SayAsync(PbxFixture pbx, string text)
    {
        var dir = Directory.CreateDirectory(Path.Combine(pbx.WorkDirectory, "speech")).FullName;
        var name = Path.Combine(dir, Guid.NewGuid().ToString("N")[..8]);
        await RunAsync(pbx, ["/usr/bin/flite", "-voice", "kal", "-t", text, "-o", name + "-raw.wav"]);
        await RunAsync(pbx, ["/usr/bin/sox", name + "-raw.wav", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", name + ".wav"]);
        return name + ".wav";
    }

    /// <summary>
    /// Which of <paramref name="sentences"/> the recording holds between <paramref name="from"/> and
    /// <paramref name="to"/>, in the order heard (normalised, joined by spaces), as pocketsphinx hears them; "" when
    /// it hears none of them.
    /// </summary>
    public static async Task<string> RecogniseAsync(PbxFixture pbx, ReadOnlyMemory<short> samples, IReadOnlyList<string> sentences,
        TimeSpan? from = null, TimeSpan? to = null)
    {
        var start = Math.Min(samples.Length, (int)((from ?? TimeSpan.Zero).TotalSeconds * Wav.SampleRate));
        var end = to is { } t ? Math.Min(samples.Length, (int)(t.TotalSeconds * Wav.SampleRate)) : samples.Length;
        var dir = Directory.CreateDirectory(Path.Combine(pbx.WorkDirectory, "speech")).FullName;
        var name = Path.Combine(dir, "heard-" + Guid.NewGuid().ToString("N")[..8]);
        Wav.Write(name + ".wav", samples.Span[start..Math.Max(start, end)]);
        // The en-us acoustic model is trained on 16 kHz speech.
        await RunAsync(pbx, ["/usr/bin/sox", name + ".wav", "-r", "16000", name + "-16k.wav"]);
        var grammar = new StringBuilder("#JSGF V1.0;\ngrammar expected;\npublic <sentence> = ");
        grammar.Append("( ").Append(string.Join(" | ", sentences.Select(Normalise))).Append(" )+;\n");
        await File.WriteAllTextAsync(name + ".gram", grammar.ToString());
        var output = await RunAsync(pbx, ["/usr/bin/pocketsphinx", "-jsgf", name + ".gram", "single", name + "-16k.wav"]);
        // One JSON line per utterance: {"b":0.0,"d":4.0,"p":1.0,"t":"words","w":[...]}.
        var texts = output.Split('\n').Where(l => l.StartsWith('{'))
            .Select(l => (JsonNode.Parse(l) as JsonObject)?["t"]?.GetValue<string>() ?? "")
            .Where(s => s.Length > 0);
        return string.Join(" ", texts).Trim();
    }

    /// <summary>Lower-case words only: how the grammar and the answer spell a sentence.</summary>
    public static string Normalise(string sentence) =>
        Spaces().Replace(NonLetters().Replace(sentence.ToLower(CultureInfo.InvariantCulture), " "), " ").Trim();

    private static async Task<string> RunAsync(PbxFixture pbx, IReadOnlyList<string> command)
    {
        var (code, output) = await pbx.Root.RunAsync([pbx.WorkDirectory], command, Limit);
        if (code != 0) throw new InvalidOperationException($"{command[0]} failed ({code}): {output}");
        return output;
    }

    [GeneratedRegex("[^a-z' ]")]
    private static partial Regex NonLetters();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}
