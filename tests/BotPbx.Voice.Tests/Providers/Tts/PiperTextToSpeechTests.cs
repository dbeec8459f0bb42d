using System.Text.Json.Nodes;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.Audio;
using BotPbx.Voice.Providers.Piper;
using BotPbx.Voice.Tests.Providers.Audio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BotPbx.Voice.Tests.Providers.Tts;

/// <summary>piper.http_server: POST / with {"text": …} answers audio/wav in the voice's rate (22.05 kHz here).</summary>
public sealed class PiperTextToSpeechTests
{
    [Fact]
    public async Task A_22kHz_voice_streams_out_at_16kHz_with_its_header_split_across_chunks()
    {
        JsonNode? body = null;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/", async context =>
        {
            body = await JsonNode.ParseAsync(context.Request.Body);
            context.Response.ContentType = "audio/wav";
            var wav = Wav.Build(Pcm.Tone(440, 22_050, 1.0), 22_050);
            await LoopbackServer.WriteFlushedAsync(context.Response, wav.AsMemory(0, 20)); // half a header first
            await TtsHarness.StreamInPieces(context.Response, wav[20..], 5);
        }));
        var tts = new PiperTextToSpeech(new ProviderSettings(PiperTextToSpeech.Kind, BaseUrl: server.BaseUrl), ProviderHttpClient.Shared);

        var audio = await TtsHarness.AllAudio(tts, new TtsRequest("Press one for sales.", "en_US-lessac-medium", 1.25, 16_000));

        Assert.InRange(audio.Length / 2, 15_999, 16_001);
        Assert.True(Pcm.PowerAt(audio, 440, 16_000) > 100 * Pcm.PowerAt(audio, 1_000, 16_000));
        Assert.Equal("Press one for sales.", body!["text"]!.GetValue<string>());
        Assert.Equal("en_US-lessac-medium", body["voice"]!.GetValue<string>());
        Assert.Equal(0.8, body["length_scale"]!.GetValue<double>(), 3);
    }

    [Fact]
    public async Task An_answer_that_is_not_a_wav_is_a_protocol_error()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/", context => context.Response.WriteAsync("<html><body>Internal proxy page</body></html>")));
        var tts = new PiperTextToSpeech(new ProviderSettings(PiperTextToSpeech.Kind, BaseUrl: server.BaseUrl), ProviderHttpClient.Shared);

        var e = await Assert.ThrowsAsync<ProviderException>(() => TtsHarness.AllAudio(tts, new TtsRequest("Hi", null, 1, 8_000)));

        Assert.Equal(ProviderFailure.Protocol, e.Failure);
        Assert.Contains("Piper", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_is_not_running_is_unavailable_with_its_address()
    {
        var tts = new PiperTextToSpeech(new ProviderSettings(PiperTextToSpeech.Kind, BaseUrl: new Uri("http://127.0.0.1:9/")), ProviderHttpClient.Shared);

        var e = await Assert.ThrowsAsync<ProviderException>(() => TtsHarness.AllAudio(tts, new TtsRequest("Hi", null, 1, 8_000)));

        Assert.Equal(ProviderFailure.Unavailable, e.Failure);
        Assert.Contains("127.0.0.1:9", e.Message, StringComparison.Ordinal);
    }
}
