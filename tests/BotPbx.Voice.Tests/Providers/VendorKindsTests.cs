using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.Anthropic;
using BotPbx.Voice.Providers.AssemblyAi;
using BotPbx.Voice.Providers.Deepgram;
using BotPbx.Voice.Providers.ElevenLabs;
using BotPbx.Voice.Providers.GoogleTts;
using BotPbx.Voice.Providers.OpenAiRealtime;
using BotPbx.Voice.Providers.OpenAiTts;
using BotPbx.Voice.Providers.Piper;
using BotPbx.Voice.Providers.Whisper;

namespace BotPbx.Voice.Tests.Providers;

/// <summary>Every cloud and HTTP vendor kind of <see cref="ProviderSettings"/>' list is registered in the default factory.</summary>
public sealed class VendorKindsTests
{
    private readonly ProviderFactory _factory = ProviderFactory.CreateDefault(new ProviderServices());

    [Fact]
    public void Each_vendor_kind_makes_its_own_client()
    {
        Assert.IsType<AnthropicLlmClient>(_factory.CreateLlm(new ProviderSettings("anthropic", "sk-ant-x")));
        Assert.IsType<ElevenLabsTextToSpeech>(_factory.CreateTts(new ProviderSettings("elevenlabs", "k")));
        Assert.IsType<OpenAiTextToSpeech>(_factory.CreateTts(new ProviderSettings("openai-tts", "k")));
        Assert.IsType<GoogleTextToSpeech>(_factory.CreateTts(new ProviderSettings("google-tts", "k")));
        Assert.IsType<DeepgramSpeechToText>(_factory.CreateStt(new ProviderSettings("deepgram", "k")));
        Assert.IsType<WhisperSpeechToText>(_factory.CreateStt(new ProviderSettings("whisper", "k")));
        Assert.IsType<AssemblyAiSpeechToText>(_factory.CreateStt(new ProviderSettings("assemblyai", "k")));
        Assert.IsType<PiperTextToSpeech>(_factory.CreateTts(new ProviderSettings("piper", BaseUrl: new Uri("http://127.0.0.1:5000"))));
    }

    [Fact]
    public void Openai_realtime_is_a_speech_to_speech_kind_not_a_text_llm()
    {
        Assert.True(_factory.IsRealtime("openai-realtime"));
        Assert.False(_factory.IsRealtime("openai"));
        Assert.IsType<OpenAiRealtimeClient>(_factory.CreateRealtime(new ProviderSettings("openai-realtime", "k")));
        Assert.Throws<ArgumentException>(() => _factory.CreateLlm(new ProviderSettings("openai-realtime", "k")));
    }
}
