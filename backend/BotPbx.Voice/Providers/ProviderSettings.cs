namespace BotPbx.Voice.Providers;

/// <summary>
/// How to reach one provider: the kind names the class ("openai", "anthropic", "deepgram", "whisper", "assemblyai",
/// "pocketsphinx", "elevenlabs", "openai-tts", "google-tts", "piper", "flite", "openai-realtime"). The key comes from
/// settings and is never logged or returned by the API.
/// </summary>
public sealed record ProviderSettings(string Kind, string? ApiKey = null, Uri? BaseUrl = null, IReadOnlyDictionary<string, string>? Options = null)
{
    public override string ToString() => $"{Kind} {BaseUrl}"; // never the key
}

/// <summary>Makes the client for a provider's settings; unknown kinds throw <see cref="ArgumentException"/>.</summary>
public interface IProviderFactory
{
    ILlmClient CreateLlm(ProviderSettings settings);

    ISpeechToText CreateStt(ProviderSettings settings);

    ITextToSpeech CreateTts(ProviderSettings settings);
}
