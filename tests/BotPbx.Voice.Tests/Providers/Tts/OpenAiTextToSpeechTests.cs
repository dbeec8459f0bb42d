using System.Text.Json.Nodes;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.OpenAiTts;
using BotPbx.Voice.Tests.Providers.Audio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BotPbx.Voice.Tests.Providers.Tts;

/// <summary>POST /v1/audio/speech with response_format=pcm: 24 kHz 16-bit mono, chunked.</summary>
public sealed class OpenAiTextToSpeechTests
{
    private const string Key = "sk-proj-tts-test-8f3a2b";

    [Fact]
    public async Task The_24kHz_pcm_is_resampled_to_the_calls_8kHz_and_keeps_its_pitch()
    {
        JsonNode? body = null;
        string? authorization = null;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/audio/speech", async context =>
        {
            authorization = context.Request.Headers.Authorization;
            body = await JsonNode.ParseAsync(context.Request.Body);
            context.Response.ContentType = "audio/pcm";
            await TtsHarness.StreamInPieces(context.Response, Pcm.Tone(440, OpenAiTextToSpeech.PcmRate, 1.0), 7);
        }));
        var tts = new OpenAiTextToSpeech(new ProviderSettings(OpenAiTextToSpeech.Kind, Key, new Uri(server.BaseUrl, "v1")), ProviderHttpClient.Shared);

        var audio = await TtsHarness.AllAudio(tts, new TtsRequest("Your order has shipped.", "nova", 1.1, 8_000));

        Assert.InRange(audio.Length / 2, 7_999, 8_001);
        Assert.True(Pcm.PowerAt(audio, 440, 8_000) > 100 * Pcm.PowerAt(audio, 1_000, 8_000));
        Assert.Equal($"Bearer {Key}", authorization);
        Assert.Equal(("pcm", "nova", "gpt-4o-mini-tts", "Your order has shipped."),
            (body!["response_format"]!.GetValue<string>(), body["voice"]!.GetValue<string>(), body["model"]!.GetValue<string>(), body["input"]!.GetValue<string>()));
        Assert.Equal(1.1, body["speed"]!.GetValue<double>(), 3);
    }

    [Fact]
    public async Task A_local_compatible_server_is_used_without_a_key()
    {
        string? authorization = "unset";
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/audio/speech", context =>
        {
            authorization = context.Request.Headers.Authorization.FirstOrDefault();
            return context.Response.Body.WriteAsync(Pcm.Tone(440, 24_000, 0.1)).AsTask();
        }));
        var tts = new OpenAiTextToSpeech(new ProviderSettings(OpenAiTextToSpeech.Kind, null, new Uri(server.BaseUrl, "v1/")), ProviderHttpClient.Shared);

        var audio = await TtsHarness.AllAudio(tts, new TtsRequest("Hi", null, 1, 24_000));

        Assert.Equal(4_800, audio.Length);
        Assert.Null(authorization);
    }

    [Fact]
    public async Task A_key_echoed_back_in_the_error_is_redacted()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/audio/speech", context =>
        {
            context.Response.StatusCode = 401;
            return context.Response.WriteAsync($$$"""{"error":{"message":"Incorrect API key provided: {{{Key}}}. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""");
        }));
        var tts = new OpenAiTextToSpeech(new ProviderSettings(OpenAiTextToSpeech.Kind, Key, new Uri(server.BaseUrl, "v1")), ProviderHttpClient.Shared);

        var e = await Assert.ThrowsAsync<ProviderException>(() => TtsHarness.AllAudio(tts, new TtsRequest("Hi", null, 1, 8_000)));

        Assert.Equal(ProviderFailure.Unauthorized, e.Failure);
        Assert.Contains("OpenAI TTS", e.Message, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided: ***", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, e.ToString(), StringComparison.Ordinal);
    }
}
