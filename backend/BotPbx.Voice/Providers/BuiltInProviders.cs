using BotPbx.Voice.Providers.Flite;
using BotPbx.Voice.Providers.OpenAi;
using BotPbx.Voice.Providers.Pocketsphinx;

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
            // Speech to text
            .AddStt("pocketsphinx", settings => new PocketsphinxStt(settings, services))
            // Text to speech
            .AddTts("flite", settings => new FliteTts(settings, services));
    }
}
