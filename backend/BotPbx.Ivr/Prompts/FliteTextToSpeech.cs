namespace BotPbx.Ivr.Prompts;

/// <summary>
/// The offline default engine: Debian's flite (<c>flite -voice kal -t text -o out.wav</c>). Voices: kal (8 kHz, the
/// default, needs no conversion), kal16, slt, rms, awb (16 kHz; the cache converts them).
/// </summary>
public sealed class FliteTextToSpeech(string executable = "flite") : ITextToSpeech
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public string Engine => "flite";

    public string DefaultVoice => "kal";

    public Task SynthesizeAsync(string text, string voice, string outputWavPath, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(executable, ["-voice", voice, "-t", text, "-o", outputWavPath], Timeout, cancellationToken);
}
