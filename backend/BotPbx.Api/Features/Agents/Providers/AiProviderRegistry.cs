namespace BotPbx.Api.Features.Agents.Providers;

/// <summary>What a provider does for an agent: its LLM, its voice, its hearing, or speech-to-speech in one service.</summary>
public enum AiProviderRole { Llm, Tts, Stt, SpeechToSpeech }

/// <summary>
/// One entry of the AI Providers page. <see cref="Id"/> is what an agent names (<c>llmProvider: "groq"</c>);
/// <see cref="Kind"/> is the client class the provider factory makes for it (<see cref="Voice.Providers.ProviderSettings.Kind"/>):
/// Groq and any local server are the OpenAI client with another base URL.
/// </summary>
public sealed record AiProviderInfo(string Id, string Label, AiProviderRole Role, string Kind, bool NeedsKey, Uri? DefaultBaseUrl,
    bool NeedsBaseUrl = false);

/// <summary>
/// The providers BotPBX has a client for (seed 003's "AI Providers", "Text-to-Speech Engines", "Speech-to-Text
/// Engines"; issue 11's list). A registry, not a switch: validation, the settings page and the catalog all read it.
/// </summary>
public static class AiProviderRegistry
{
    public static IReadOnlyList<AiProviderInfo> All { get; } =
    [
        new("openai", "OpenAI", AiProviderRole.Llm, "openai", NeedsKey: true, new Uri("https://api.openai.com/v1")),
        new("groq", "Groq", AiProviderRole.Llm, "openai", NeedsKey: true, new Uri("https://api.groq.com/openai/v1")),
        new("anthropic", "Anthropic Claude", AiProviderRole.Llm, "anthropic", NeedsKey: true, new Uri("https://api.anthropic.com")),
        // Ollama, vLLM, Debian's llama.cpp llama-server: no key, a base URL of the admin's choice.
        new("openai-compatible", "OpenAI-compatible server (Ollama, vLLM, llama-server)", AiProviderRole.Llm, "openai",
            NeedsKey: false, new Uri("http://127.0.0.1:8080/v1"), NeedsBaseUrl: true),

        new("flite", "flite (offline, Debian)", AiProviderRole.Tts, "flite", NeedsKey: false, null),
        new("piper", "Piper HTTP server", AiProviderRole.Tts, "piper", NeedsKey: false, new Uri("http://127.0.0.1:5000"), NeedsBaseUrl: true),
        new("elevenlabs", "ElevenLabs", AiProviderRole.Tts, "elevenlabs", NeedsKey: true, new Uri("https://api.elevenlabs.io")),
        new("openai-tts", "OpenAI TTS", AiProviderRole.Tts, "openai-tts", NeedsKey: true, new Uri("https://api.openai.com/v1")),
        new("google-tts", "Google Cloud TTS", AiProviderRole.Tts, "google-tts", NeedsKey: true, new Uri("https://texttospeech.googleapis.com")),

        new("pocketsphinx", "pocketsphinx (offline, Debian)", AiProviderRole.Stt, "pocketsphinx", NeedsKey: false, null),
        new("deepgram", "Deepgram", AiProviderRole.Stt, "deepgram", NeedsKey: true, new Uri("wss://api.deepgram.com")),
        new("whisper", "Whisper-compatible HTTP (OpenAI, Groq, local)", AiProviderRole.Stt, "whisper", NeedsKey: false,
            new Uri("https://api.openai.com/v1")),
        new("assemblyai", "AssemblyAI", AiProviderRole.Stt, "assemblyai", NeedsKey: true, new Uri("https://api.assemblyai.com")),

        new("openai-realtime", "OpenAI Realtime", AiProviderRole.SpeechToSpeech, "openai-realtime", NeedsKey: true,
            new Uri("wss://api.openai.com/v1/realtime")),
    ];

    public static AiProviderInfo? Find(string? id) =>
        id is null ? null : All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    public static IEnumerable<AiProviderInfo> For(AiProviderRole role) => All.Where(p => p.Role == role);

    public static string IdsFor(AiProviderRole role) => string.Join(", ", For(role).Select(p => p.Id));
}
