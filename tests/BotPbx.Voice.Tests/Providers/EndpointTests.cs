using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.AssemblyAi;
using BotPbx.Voice.Providers.Deepgram;
using BotPbx.Voice.Providers.OpenAiRealtime;

namespace BotPbx.Voice.Tests.Providers;

/// <summary>
/// The base URLs people type (and the AI-provider settings page's defaults) all reach each vendor's real endpoint:
/// a bare host, a host with the version, or the full endpoint.
/// </summary>
public sealed class EndpointTests
{
    [Theory]
    [InlineData(null, "wss://api.deepgram.com/v1/listen?q=1")]
    [InlineData("wss://api.deepgram.com", "wss://api.deepgram.com/v1/listen?q=1")]
    [InlineData("https://api.deepgram.com/v1/", "wss://api.deepgram.com/v1/listen?q=1")]
    [InlineData("http://127.0.0.1:8123/v1", "ws://127.0.0.1:8123/v1/listen?q=1")]
    public void Deepgram_listens_on_v1_listen(string? baseUrl, string expected) =>
        Assert.Equal(expected, DeepgramSpeechToText.ListenUri(Settings("deepgram", baseUrl), "q=1").ToString());

    [Theory]
    [InlineData(null, "wss://streaming.assemblyai.com/v3/ws?q=1")]
    [InlineData("https://api.assemblyai.com", "wss://streaming.assemblyai.com/v3/ws?q=1")]
    [InlineData("https://api.eu.assemblyai.com", "wss://streaming.eu.assemblyai.com/v3/ws?q=1")]
    [InlineData("wss://streaming.assemblyai.com/v3/ws", "wss://streaming.assemblyai.com/v3/ws?q=1")]
    [InlineData("http://127.0.0.1:8123", "ws://127.0.0.1:8123/v3/ws?q=1")]
    public void AssemblyAI_streams_on_the_streaming_host(string? baseUrl, string expected) =>
        Assert.Equal(expected, AssemblyAiSpeechToText.StreamUri(Settings("assemblyai", baseUrl), "q=1").ToString());

    [Theory]
    [InlineData(null, "wss://api.openai.com/v1/realtime?model=gpt-realtime")]
    [InlineData("wss://api.openai.com/v1/realtime", "wss://api.openai.com/v1/realtime?model=gpt-realtime")]
    [InlineData("https://api.openai.com/v1", "wss://api.openai.com/v1/realtime?model=gpt-realtime")]
    public void Realtime_connects_to_v1_realtime(string? baseUrl, string expected) =>
        Assert.Equal(expected, OpenAiRealtimeClient.RealtimeUri(Settings("openai-realtime", baseUrl), "gpt-realtime").ToString());

    [Fact]
    public void OpenAI_hosts_need_a_key_but_a_local_server_does_not()
    {
        Assert.Throws<ProviderException>(() => Settings("whisper", "https://api.openai.com/v1").KeyUnlessSelfHosted("Whisper", "api.openai.com", "api.groq.com"));
        Assert.Throws<ProviderException>(() => Settings("whisper", "https://api.groq.com/openai/v1").KeyUnlessSelfHosted("Whisper", "api.openai.com", "api.groq.com"));
        Assert.Null(Settings("whisper", "http://127.0.0.1:8000/v1").KeyUnlessSelfHosted("Whisper", "api.openai.com", "api.groq.com"));
    }

    private static ProviderSettings Settings(string kind, string? baseUrl) => new(kind, null, baseUrl is null ? null : new Uri(baseUrl));
}
