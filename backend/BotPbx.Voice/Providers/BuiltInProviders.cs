using BotPbx.Voice.Providers.Anthropic;
using BotPbx.Voice.Providers.AssemblyAi;
using BotPbx.Voice.Providers.Deepgram;
using BotPbx.Voice.Providers.ElevenLabs;
using BotPbx.Voice.Providers.Flite;
using BotPbx.Voice.Providers.GoogleTts;
using BotPbx.Voice.Providers.OpenAi;
using BotPbx.Voice.Providers.OpenAiRealtime;
using BotPbx.Voice.Providers.OpenAiTts;
using BotPbx.Voice.Providers.Piper;
using BotPbx.Voice.Providers.Pocketsphinx;
using BotPbx.Voice.Providers.Whisper;

namespace BotPbx.Voice.Providers;

/// <summary>
/// Every provider kind BotPBX ships, one line each (<see cref="ProviderSettings"/> lists the kind names). Adding a
/// vendor is adding its class and one line here.
/// </summary>
internal static class BuiltInProviders
{
    public static ProviderFactory Register(ProviderFactory factory)
    {
        var services = factory.Services;
        return factory
            // LLMs
            .AddLlm("openai", settings => new OpenAiLlmClient(settings, services.Http))
            .AddLlm(AnthropicLlmClient.Kind, settings => new AnthropicLlmClient(settings))
            // Speech to speech (an agent's LLM kind that replaces the whole STT → LLM → TTS chain)
            .AddRealtime(OpenAiRealtimeClient.Kind, settings => new OpenAiRealtimeClient(settings))
            // Speech to text
            .AddStt("pocketsphinx", settings => new PocketsphinxStt(settings, services))
            .AddStt(DeepgramSpeechToText.Kind, settings => new DeepgramSpeechToText(settings))
            .AddStt(WhisperSpeechToText.Kind, settings => new WhisperSpeechToText(settings, services.Http))
            .AddStt(AssemblyAiSpeechToText.Kind, settings => new AssemblyAiSpeechToText(settings))
            // Text to speech
            .AddTts("flite", settings => new FliteTts(settings, services))
            .AddTts(ElevenLabsTextToSpeech.Kind, settings => new ElevenLabsTextToSpeech(settings, services.Http))
            .AddTts(OpenAiTextToSpeech.Kind, settings => new OpenAiTextToSpeech(settings, services.Http))
            .AddTts(GoogleTextToSpeech.Kind, settings => new GoogleTextToSpeech(settings, services.Http))
            .AddTts(PiperTextToSpeech.Kind, settings => new PiperTextToSpeech(settings, services.Http));
    }
}
