using System.Text.Json.Nodes;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.Audio;
using BotPbx.Voice.Providers.GoogleTts;
using BotPbx.Voice.Tests.Providers.Audio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BotPbx.Voice.Tests.Providers.Tts;

/// <summary>text:synthesize with LINEAR16: {"audioContent": base64 of a WAV}.</summary>
public sealed class GoogleTextToSpeechTests
{
    private const string Key = "AIzaSyTestKey-1234567890";

    [Fact]
    public async Task The_wav_header_is_stripped_and_the_samples_come_back_as_sent()
    {
        var pcm = Pcm.Tone(440, 8_000, 0.25);
        JsonNode? body = null;
        string? key = null, query = null;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/text:synthesize", async context =>
        {
            (key, query) = (context.Request.Headers["X-Goog-Api-Key"], context.Request.QueryString.Value);
            body = await JsonNode.ParseAsync(context.Request.Body);
            await context.Response.WriteAsJsonAsync(new { audioContent = Convert.ToBase64String(Wav.Build(pcm, 8_000)) });
        }));
        var tts = new GoogleTextToSpeech(new ProviderSettings(GoogleTextToSpeech.Kind, Key, server.BaseUrl), ProviderHttpClient.Shared);

        var audio = await TtsHarness.AllAudio(tts, new TtsRequest("Thanks for calling.", "en-GB-Neural2-B", 0.9, 8_000));

        Assert.Equal(pcm, audio);
        Assert.Equal(Key, key);
        Assert.True(string.IsNullOrEmpty(query)); // the key is never in the URL
        Assert.Equal("Thanks for calling.", body!["input"]!["text"]!.GetValue<string>());
        Assert.Equal(("en-GB", "en-GB-Neural2-B"), (body["voice"]!["languageCode"]!.GetValue<string>(), body["voice"]!["name"]!.GetValue<string>()));
        Assert.Equal(("LINEAR16", 8_000), (body["audioConfig"]!["audioEncoding"]!.GetValue<string>(), body["audioConfig"]!["sampleRateHertz"]!.GetValue<int>()));
        Assert.Equal(0.9, body["audioConfig"]!["speakingRate"]!.GetValue<double>(), 3);
    }

    [Theory]
    [InlineData("""{"audioContent": "UklGR""")]
    [InlineData("""{"name": "operations/1"}""")]
    [InlineData("""{"audioContent": "not base64 !!"}""")]
    public async Task An_answer_that_is_not_googles_json_is_a_protocol_error(string answer)
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/text:synthesize", context => context.Response.WriteAsync(answer)));
        var tts = new GoogleTextToSpeech(new ProviderSettings(GoogleTextToSpeech.Kind, Key, server.BaseUrl), ProviderHttpClient.Shared);

        var e = await Assert.ThrowsAsync<ProviderException>(() => TtsHarness.AllAudio(tts, new TtsRequest("Hi", null, 1, 8_000)));

        Assert.Equal(ProviderFailure.Protocol, e.Failure);
        Assert.Contains("Google TTS", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_key_uses_googles_error_message()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/text:synthesize", context =>
        {
            context.Response.StatusCode = 403;
            return context.Response.WriteAsync("""{"error":{"code":403,"message":"Cloud Text-to-Speech API has not been used in project 123 before or it is disabled.","status":"PERMISSION_DENIED"}}""");
        }));
        var tts = new GoogleTextToSpeech(new ProviderSettings(GoogleTextToSpeech.Kind, Key, server.BaseUrl), ProviderHttpClient.Shared);

        var e = await Assert.ThrowsAsync<ProviderException>(() => TtsHarness.AllAudio(tts, new TtsRequest("Hi", null, 1, 8_000)));

        Assert.Equal(ProviderFailure.Unauthorized, e.Failure);
        Assert.Contains("has not been used in project", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US-Neural2-C", "en-US")]
    [InlineData("cmn-CN-Wavenet-A", "cmn-CN")]
    [InlineData(null, "en-US")]
    public void The_language_comes_from_the_voice_name(string? voice, string language) =>
        Assert.Equal(language, GoogleTextToSpeech.LanguageOf(voice));
}
