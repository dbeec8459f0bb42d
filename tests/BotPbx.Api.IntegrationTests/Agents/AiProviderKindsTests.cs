using BotPbx.Api.Features.Agents.Providers;
using BotPbx.Voice.Providers;

namespace BotPbx.Api.IntegrationTests.Agents;

/// <summary>
/// Every provider the settings page offers has a client in the default factory for its role, made from the settings as
/// the page stores them (its default base URL and a key): a registry entry without a client would fail only on a call.
/// </summary>
public sealed class AiProviderKindsTests
{
    private readonly ProviderFactory _factory = ProviderFactory.CreateDefault(new ProviderServices());

    public static TheoryData<string> Providers() => [.. AiProviderRegistry.All.Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_provider_on_the_settings_page_has_a_client_for_its_role(string id)
    {
        var info = AiProviderRegistry.Find(id)!;
        var settings = new ProviderSettings(info.Kind, "test-key", info.DefaultBaseUrl);

        object client = info.Role switch
        {
            AiProviderRole.Llm => _factory.CreateLlm(settings),
            AiProviderRole.Stt => _factory.CreateStt(settings),
            AiProviderRole.Tts => _factory.CreateTts(settings),
            _ => _factory.CreateRealtime(settings),
        };

        Assert.NotNull(client);
        Assert.Equal(info.Role == AiProviderRole.SpeechToSpeech, _factory.IsRealtime(info.Kind));
    }
}
