using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.Flite;
using BotPbx.Voice.Providers.OpenAi;
using BotPbx.Voice.Providers.Pocketsphinx;

namespace BotPbx.Voice.Tests.Providers;

public sealed class ProviderFactoryTests
{
    private readonly ProviderFactory _factory = ProviderFactory.CreateDefault(new ProviderServices());

    [Fact]
    public void Each_shipped_kind_makes_its_own_client()
    {
        Assert.IsType<OpenAiLlmClient>(_factory.CreateLlm(new ProviderSettings("openai", "sk-x", new Uri("http://127.0.0.1:1/v1"))));
        Assert.IsType<FliteTts>(_factory.CreateTts(new ProviderSettings("flite")));
        Assert.IsType<PocketsphinxStt>(_factory.CreateStt(new ProviderSettings("pocketsphinx")));
    }

    [Fact]
    public void Kinds_are_matched_without_regard_to_case()
    {
        Assert.IsType<FliteTts>(_factory.CreateTts(new ProviderSettings("Flite")));
    }

    [Fact]
    public void An_unknown_kind_is_refused_naming_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => _factory.CreateTts(new ProviderSettings("festival")));
        Assert.Contains("festival", error.Message, StringComparison.Ordinal);
        Assert.Contains("flite", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => _factory.CreateLlm(new ProviderSettings("flite")));
        Assert.Throws<ArgumentException>(() => _factory.CreateStt(new ProviderSettings("")));
    }

    [Fact]
    public void A_kind_cannot_be_registered_twice()
    {
        Assert.Throws<ArgumentException>(() => _factory.AddTts("flite", s => new FliteTts(s, _factory.Services)));
    }

    [Fact]
    public void A_new_kind_is_one_registration()
    {
        var factory = new ProviderFactory(new ProviderServices()).AddTts("silence", _ => new SilenceTts());
        Assert.IsType<SilenceTts>(factory.CreateTts(new ProviderSettings("silence")));
    }

    private sealed class SilenceTts : ITextToSpeech
    {
        public IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(TtsRequest request, CancellationToken cancellationToken) =>
            AsyncEnumerable.Empty<ReadOnlyMemory<byte>>();
    }
}
