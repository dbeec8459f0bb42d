namespace BotPbx.Voice.Providers.Pocketsphinx;

/// <summary>
/// Debian's pocketsphinx, offline. Debian 12 (bookworm) ships pocketsphinx 0.8+5prealpha, whose only command-line tool
/// is <c>pocketsphinx_continuous</c> (the newer <c>pocketsphinx live</c> with JSON output is sid's 5.0). It reads raw
/// 16 kHz audio from <c>-infile</c>, which may be a pipe, and prints one line of text per utterance its own endpointer
/// finds. So each caller utterance gets one process, started with its first audio and fed as the caller speaks:
/// decoding runs alongside the speech, and when the pipeline's end-of-turn detector calls
/// <see cref="ISttSession.CompleteAsync"/> only the tail remains (standard input is closed, the process prints what is
/// left and exits). The en-us model is trained on 16 kHz speech, so 8 kHz telephone audio is upsampled first.
/// <para>Options (<see cref="ProviderSettings.Options"/>): <c>jsgf</c> a grammar file, or <c>grammar</c> a grammar's
/// text, or <c>kws</c> a keyphrase file; <c>lm</c>, <c>dict</c>, <c>hmm</c> another model. The agent's STT model may also name such a file (see <see cref="ModelArgument"/>).
/// Without either, the large en-us language model is used: slower to load (~1 s) and much less accurate than a grammar
/// on phone audio.</para>
/// </summary>
public sealed class PocketsphinxStt(ProviderSettings settings, ProviderServices services) : ISpeechToText
{
    private static readonly string[] FileOptions = ["jsgf", "kws", "lm", "dict", "hmm"];

    public bool IsStreaming => true;

    /// <summary>
    /// The agent's "STT model" for pocketsphinx names a file: a JSGF grammar (.gram, .jsgf) for a closed set of answers,
    /// a language model (.lm, .lm.bin, .arpa), a keyphrase list (.kws), or an acoustic model directory. Anything else
    /// (a vendor's model name left over from another engine) is ignored. A relative name is read from
    /// <paramref name="modelsDirectory"/> and may not leave it.
    /// </summary>
    internal static string[]? ModelArgument(string? model, string modelsDirectory)
    {
        if (string.IsNullOrWhiteSpace(model)) return null;
        if (!Path.IsPathFullyQualified(model))
        {
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelsDirectory));
            model = Path.GetFullPath(Path.Combine(root, model));
            if (!model.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
        }
        string? flag = model switch
        {
            _ when model.EndsWith(".gram", StringComparison.OrdinalIgnoreCase) || model.EndsWith(".jsgf", StringComparison.OrdinalIgnoreCase) => "-jsgf",
            _ when model.EndsWith(".lm", StringComparison.OrdinalIgnoreCase) || model.EndsWith(".lm.bin", StringComparison.OrdinalIgnoreCase)
                || model.EndsWith(".arpa", StringComparison.OrdinalIgnoreCase) => "-lm",
            _ when model.EndsWith(".kws", StringComparison.OrdinalIgnoreCase) => "-kws",
            _ when Directory.Exists(model) => "-hmm",
            _ => null,
        };
        if (flag is null) return null;
        if (flag != "-hmm" && !File.Exists(model)) throw new ArgumentException($"pocketsphinx model '{model}' does not exist.", nameof(model));
        return [flag, model];
    }

    public async Task<ISttSession> StartAsync(SttOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arguments = new List<string> { "-infile", "/dev/stdin", "-logfn", "/dev/null" };
        var extra = settings.Options ?? new Dictionary<string, string>();
        foreach (var name in FileOptions)
        {
            if (!extra.TryGetValue(name, out var path) || string.IsNullOrWhiteSpace(path)) continue;
            if (!File.Exists(path) && !Directory.Exists(path)) throw new ArgumentException($"pocketsphinx option {name}: '{path}' does not exist.", nameof(options));
            arguments.AddRange(["-" + name, path]);
        }
        string? grammarFile = null;
        if (extra.TryGetValue("grammar", out var grammar) && !string.IsNullOrWhiteSpace(grammar))
        {
            grammarFile = Path.Combine(services.TempDirectory, $"botpbx-stt-{Guid.NewGuid():N}.gram");
            await File.WriteAllTextAsync(grammarFile, grammar, cancellationToken).ConfigureAwait(false);
            arguments.AddRange(["-jsgf", grammarFile]);
        }
        if (ModelArgument(options.Model, services.SpeechModelsDirectory) is { } model) arguments.AddRange(model);
        if (extra.TryGetValue("keyphrase", out var keyphrase) && !string.IsNullOrWhiteSpace(keyphrase)) arguments.AddRange(["-keyphrase", keyphrase]);
        return new PocketsphinxSession(services.PocketsphinxPath, arguments, options.SampleRate, grammarFile);
    }
}
