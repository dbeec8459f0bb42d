using BotPbx.Voice.Providers.OpenAiRealtime;

namespace BotPbx.Voice.Providers;

/// <summary>
/// A registry of provider kinds: each kind is one line that says which class serves it (see
/// <see cref="BuiltInProviders"/>), never a vendor switch. Kinds are case-insensitive; an unknown kind throws
/// <see cref="ArgumentException"/> naming the kinds there are, so a typo in the settings is obvious.
/// </summary>
public sealed class ProviderFactory : IProviderFactory, IRealtimeProviderFactory
{
    private readonly Dictionary<string, Func<ProviderSettings, ILlmClient>> _llm = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<ProviderSettings, ISpeechToText>> _stt = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<ProviderSettings, ITextToSpeech>> _tts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<ProviderSettings, IRealtimeClient>> _realtime = new(StringComparer.OrdinalIgnoreCase);

    public ProviderFactory(ProviderServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
    }

    /// <summary>What the clients share: the HTTP client, the clock, the paths of local engines.</summary>
    public ProviderServices Services { get; }

    /// <summary>A factory with every kind BotPBX ships.</summary>
    public static ProviderFactory CreateDefault(ProviderServices services) => BuiltInProviders.Register(new ProviderFactory(services));

    public IEnumerable<string> LlmKinds => _llm.Keys;

    public IEnumerable<string> SttKinds => _stt.Keys;

    public IEnumerable<string> TtsKinds => _tts.Keys;

    /// <summary>Speech-to-speech kinds: chosen as an agent's LLM provider, they replace STT, LLM and TTS together.</summary>
    public IEnumerable<string> RealtimeKinds => _realtime.Keys;

    public ProviderFactory AddRealtime(string kind, Func<ProviderSettings, IRealtimeClient> create) => Add(_realtime, kind, create);

    public bool IsRealtime(string kind) => !string.IsNullOrWhiteSpace(kind) && _realtime.ContainsKey(kind);

    public IRealtimeClient CreateRealtime(ProviderSettings settings) => Create(_realtime, settings, "speech-to-speech");

    public ProviderFactory AddLlm(string kind, Func<ProviderSettings, ILlmClient> create) => Add(_llm, kind, create);

    public ProviderFactory AddStt(string kind, Func<ProviderSettings, ISpeechToText> create) => Add(_stt, kind, create);

    public ProviderFactory AddTts(string kind, Func<ProviderSettings, ITextToSpeech> create) => Add(_tts, kind, create);

    public ILlmClient CreateLlm(ProviderSettings settings) => Create(_llm, settings, "LLM");

    public ISpeechToText CreateStt(ProviderSettings settings) => Create(_stt, settings, "speech-to-text");

    public ITextToSpeech CreateTts(ProviderSettings settings) => Create(_tts, settings, "text-to-speech");

    private ProviderFactory Add<T>(Dictionary<string, Func<ProviderSettings, T>> registry, string kind, Func<ProviderSettings, T> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(create);
        if (!registry.TryAdd(kind, create)) throw new ArgumentException($"The provider kind '{kind}' is already registered.", nameof(kind));
        return this;
    }

    private static T Create<T>(Dictionary<string, Func<ProviderSettings, T>> registry, ProviderSettings settings, string what)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Kind) || !registry.TryGetValue(settings.Kind, out var create))
        {
            throw new ArgumentException(
                $"'{settings.Kind}' is not a {what} provider; known kinds: {string.Join(", ", registry.Keys.Order(StringComparer.Ordinal))}.",
                nameof(settings));
        }
        return create(settings);
    }
}
