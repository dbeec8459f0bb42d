namespace BotPbx.Voice.Providers.Whisper;

/// <summary>
/// Whisper-compatible HTTP transcription (kind "whisper"): OpenAI (<c>https://api.openai.com/v1</c>, the default),
/// Groq (<c>https://api.groq.com/openai/v1</c>, model whisper-large-v3-turbo) or a local server (speaches,
/// faster-whisper-server; whisper.cpp's server with <c>--inference-path /v1/audio/transcriptions</c>). Not streaming:
/// the utterance is gathered and sent as one WAV when the pipeline says the caller stopped. Options: <c>model</c>
/// (default whisper-1), <c>path</c> (default audio/transcriptions), <c>prompt</c>.
/// </summary>
public sealed class WhisperSpeechToText(ProviderSettings settings, HttpClient http) : ISpeechToText
{
    public const string Kind = "whisper";
    internal const string Provider = "Whisper";

    public bool IsStreaming => false;

    public Task<ISttSession> StartAsync(SttOptions options, CancellationToken cancellationToken)
    {
        // A self-hosted server (a base URL) may run without a key; OpenAI and Groq never do.
        var key = settings.KeyUnlessSelfHosted(Provider, "api.openai.com", "api.groq.com");
        return Task.FromResult<ISttSession>(new WhisperSession(settings, http, key, options));
    }
}
