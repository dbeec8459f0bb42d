using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using BotPbx.Voice.Audio;

namespace BotPbx.Voice.Providers.Flite;

/// <summary>
/// Debian's flite, the offline default that needs no key: one process per sentence (the pipeline speaks sentence by
/// sentence, and flite synthesises a sentence in a few milliseconds), WAV on standard output, resampled here to the
/// rate asked for. Voices are flite's built-in ones (kal, kal16, awb, rms, slt; <c>flite -lv</c>) or a .flitevox file;
/// kal (8 kHz diphone) is the default because it is the fastest and already at the phone's rate. Speed maps to flite's
/// duration_stretch (1 / speed).
/// </summary>
public sealed partial class FliteTts(ProviderSettings settings, ProviderServices services) : ITextToSpeech
{
    public const string DefaultVoice = "kal";

    private readonly string _defaultVoice = settings.Options?.GetValueOrDefault("voice") is { Length: > 0 } v ? v : DefaultVoice;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(TtsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Text)) yield break;
        var voice = string.IsNullOrWhiteSpace(request.Voice) ? _defaultVoice : request.Voice;
        if (!VoiceName().IsMatch(voice) && !(voice.EndsWith(".flitevox", StringComparison.Ordinal) && File.Exists(voice)))
        {
            throw new ArgumentException($"'{voice}' is not a flite voice (kal, kal16, awb, rms, slt or a .flitevox file).", nameof(request));
        }
        var speed = request.Speed is > 0.25 and < 4 ? request.Speed : 1.0;
        string[] arguments =
        [
            "-voice", voice,
            "--setf", FormattableString.Invariant($"duration_stretch={1 / speed:0.###}"),
            "-t", request.Text.ReplaceLineEndings(" "),
            "-o", "/dev/stdout",
        ];
        using var process = LocalProcess.Start(services.FlitePath, arguments, redirectInput: false);
        byte[] wav;
        using (cancellationToken.Register(static p => LocalProcess.Kill((System.Diagnostics.Process)p!), process))
        {
            using var buffer = new MemoryStream();
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.BaseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0) throw new InvalidOperationException($"flite failed ({process.ExitCode}): {await errors.ConfigureAwait(false)}");
            wav = buffer.ToArray();
        }
        var (rate, pcm) = WavReader.Read(wav);
        yield return Pcm16.Resample(pcm.Span, rate, request.SampleRate);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,31}$")]
    private static partial Regex VoiceName();
}
