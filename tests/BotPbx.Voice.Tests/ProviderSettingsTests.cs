using BotPbx.Voice.Providers;

namespace BotPbx.Voice.Tests;

public sealed class ProviderSettingsTests
{
    [Fact]
    public void Printing_provider_settings_never_shows_the_api_key()
    {
        var settings = new ProviderSettings("openai", "sk-very-secret", new Uri("http://127.0.0.1:8000/v1"));

        Assert.DoesNotContain("sk-very-secret", settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("openai", settings.ToString(), StringComparison.Ordinal);
    }
}
