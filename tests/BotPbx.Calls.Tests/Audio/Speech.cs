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
    /// it hears none of them. Without <paramref name="repeat"/>, exactly one of them.
    /// </summary>
    public static async Task<string> RecogniseAsync(PbxFixture pbx, ReadOnlyMemory<short> samples, IReadOnlyList<string> sentences,
        TimeSpan? from = null, TimeSpan? to = null, bool repeat = true)
    {
        var start = Math.Min(samples.Length, (int)((from ?? TimeSpan.Zero).TotalSeconds * Wav.SampleRate));
        var end = to is { } t ? Math.Min(samples.Length, (int)(t.TotalSeconds * Wav.SampleRate)) : samples.Length;
        var dir = Directory.CreateDirectory(Path.Combine(pbx.WorkDirectory, "speech")).FullName;
        var name = Path.Combine(dir, "heard-" + Guid.NewGuid().ToString("N")[..8]);
        Wav.Write(name + ".wav", samples.Span[start..Math.Max(start, end)]);
        // The en-us acoustic model is trained on 16 kHz speech.
        await RunAsync(pbx, ["/usr/bin/sox", name + ".wav", "-r", "16000", name + "-16k.wav"]);
        var grammar = new StringBuilder("#JSGF V1.0;\ngrammar expected;\npublic <sentence> = ");
        grammar.Append("( ").Append(string.Join(" | ", sentences.Select(Normalise))).Append(repeat ? " )+;\n" : " );\n");
        await File.WriteAllTextAsync(name + ".gram", grammar.ToString());
        var output = await RunAsync(pbx, ["/usr/bin/pocketsphinx", "-jsgf", name + ".gram", "single", name + "-16k.wav"]);
        // One JSON line per utterance: {"b":0.0,"d":4.0,"p":1.0,"t":"words","w":[...]}.
        var texts = output.Split('\n').Where(l => l.StartsWith('{'))
            .Select(l => (JsonNode.Parse(l) as JsonObject)?["t"]?.GetValue<string>() ?? "")
            .Where(s => s.Length > 0);
        return WholeSentences(string.Join(" ", texts), sentences.Select(Normalise).ToList());
    }

    /// <summary>
    /// The recognised words as whole sentences, in order. When a recording ends on a noise (the click of a hang-up),
    /// pocketsphinx answers its best path so far, which may end in the first words of a sentence ("… goodbye that"):
    /// that unfinished tail is not something the caller heard said, so it is left out.
    /// </summary>
    internal static string WholeSentences(string text, IReadOnlyList<string> sentences)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var heard = new List<string>();
        for (var at = 0; at < words.Length;)
        {
            var next = sentences.Select(s => s.Split(' '))
                .Where(s => at + s.Length <= words.Length && s.SequenceEqual(words.Skip(at).Take(s.Length)))
                .MaxBy(s => s.Length);
            if (next is null) break;
            heard.Add(string.Join(' ', next));
            at += next.Length;
        }
        return string.Join(' ', heard);
    }

    /// <summary>
    /// Words said one at a time with pauses between them (Asterisk's SAY DIGITS, say), from <paramref name="from"/>
    /// on: each burst of sound is recognised on its own against <paramref name="words"/>. Recognised as one
    /// utterance, Allison's short telephone-band digits get confused ("seven" heard as "eight"); one at a time they do not.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WordsAsync(PbxFixture pbx, ReadOnlyMemory<short> samples, IReadOnlyList<string> words,
        TimeSpan from)
    {
        var start = Math.Min(samples.Length, (int)(from.TotalSeconds * Wav.SampleRate));
        var pad = new short[Wav.SampleRate / 5];
        var heard = new List<string>();
        // A word's soft edges ("f", "s", a final "n") are quieter than the threshold: keep 120 ms either side.
        var margin = Wav.SampleRate * 3 / 25;
        foreach (var (first, end) in Bursts(samples.Span[start..]))
        {
            var from_ = Math.Max(0, start + first - margin);
            var to = Math.Min(samples.Length, start + end + margin);
            short[] word = [.. pad, .. samples.Span[from_..to], .. pad];
            heard.Add(await RecogniseAsync(pbx, word, words, repeat: false));
        }
        return heard;
    }

    /// <summary>
    /// Where sound is: runs of 20 ms frames louder than RMS 300, joined across gaps shorter than 160 ms (a word's own
    /// stops), ignoring runs shorter than 100 ms; as sample ranges.
    /// </summary>
    public static IReadOnlyList<(int Start, int End)> Bursts(ReadOnlySpan<short> samples)
    {
        const int frame = Wav.SampleRate / 50;
        const int joinGap = 8 * frame;
        const int shortest = 5 * frame;
        var bursts = new List<(int Start, int End)>();
        for (var i = 0; i + frame <= samples.Length; i += frame)
        {
            if (Tones.Rms(samples.Slice(i, frame)) <= 300) continue;
            if (bursts.Count > 0 && i - bursts[^1].End < joinGap) bursts[^1] = (bursts[^1].Start, i + frame);
            else bursts.Add((i, i + frame));
        }
        return [.. bursts.Where(b => b.End - b.Start >= shortest)];
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
