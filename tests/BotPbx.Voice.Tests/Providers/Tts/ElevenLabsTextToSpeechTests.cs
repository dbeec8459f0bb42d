using System.Text.Json.Nodes;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.ElevenLabs;
using BotPbx.Voice.Tests.Providers.Audio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BotPbx.Voice.Tests.Providers.Tts;

/// <summary>ElevenLabs' streaming endpoint on loopback: raw PCM in chunked HTTP, errors as {"detail":{…}}.</summary>
public sealed class ElevenLabsTextToSpeechTests
{
    private const string Key = "xi-test-key-5b1e0c5d9a";
    private const string Route = "/v1/text-to-speech/{voice}/stream";

    [Fact]
    public async Task The_first_audio_arrives_while_the_rest_is_still_being_synthesised()
    {
        var audio = Pcm.Tone(440, 8_000, 0.5);
        var firstChunkPlayed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? seenVoice = null, format = null, key = null;
        JsonNode? body = null;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost(Route, async (HttpContext context, string voice) =>
        {
            (seenVoice, format, key) = (voice, context.Request.Query["output_format"], context.Request.Headers["xi-api-key"]);
            body = await JsonNode.ParseAsync(context.Request.Body);
            context.Response.ContentType = "audio/pcm";
            await LoopbackServer.WriteFlushedAsync(context.Response, audio.AsMemory(0, 1600));
            await firstChunkPlayed.Task; // the rest only after the client has the first chunk: proof it streams
            await TtsHarness.StreamInPieces(context.Response, audio[1600..], 4);
        }));
        var tts = new ElevenLabsTextToSpeech(Settings(server), ProviderHttpClient.Shared);

        var received = new List<byte>();
        await foreach (var chunk in tts.SynthesizeAsync(new TtsRequest("Hello, how can I help?", "21m00Tcm4TlvDq8ikWAM", 1.5, 8_000), CancellationToken.None))
        {
            received.AddRange(chunk.ToArray());
            firstChunkPlayed.TrySetResult();
        }

        Assert.Equal(audio, received); // 8 kHz is one of ElevenLabs' rates: asked for directly, no resampling
        Assert.Equal(("21m00Tcm4TlvDq8ikWAM", "pcm_8000", Key), (seenVoice, format, key));
        Assert.Equal("Hello, how can I help?", body!["text"]!.GetValue<string>());
        Assert.Equal("eleven_flash_v2_5", body["model_id"]!.GetValue<string>());
        Assert.Equal(1.2, body["voice_settings"]!["speed"]!.GetValue<double>()); // clamped to ElevenLabs' range
    }

    [Fact]
    public async Task A_rate_elevenlabs_does_not_offer_is_made_from_16kHz()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost(Route, (HttpContext context) =>
        {
            Assert.Equal("pcm_16000", context.Request.Query["output_format"]);
            return context.Response.Body.WriteAsync(Pcm.Tone(440, 16_000, 1.0)).AsTask();
        }));
        var tts = new ElevenLabsTextToSpeech(Settings(server), ProviderHttpClient.Shared);

        var audio = await TtsHarness.AllAudio(tts, new TtsRequest("Hi", "v1", 1, 12_000));

        Assert.InRange(audio.Length / 2, 11_999, 12_001);
    }

    [Fact]
    public async Task A_refused_key_names_ElevenLabs_and_never_the_key()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost(Route, (HttpContext context) =>
        {
            context.Response.StatusCode = 401;
            return context.Response.WriteAsync("""{"detail":{"status":"invalid_api_key","message":"Invalid API key"}}""");
        }));
        var tts = new ElevenLabsTextToSpeech(Settings(server), ProviderHttpClient.Shared);

        var e = await Assert.ThrowsAsync<ProviderException>(() => TtsHarness.AllAudio(tts, new TtsRequest("Hi", "v1", 1, 8_000)));

        Assert.Equal(ProviderFailure.Unauthorized, e.Failure);
        Assert.Contains("ElevenLabs", e.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid API key", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_carries_retry_after()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost(Route, (HttpContext context) =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "3";
            return context.Response.WriteAsync("""{"detail":{"status":"too_many_concurrent_requests","message":"Too many concurrent requests."}}""");
        }));
        var tts = new ElevenLabsTextToSpeech(Settings(server), ProviderHttpClient.Shared);

        var e = await Assert.ThrowsAsync<ProviderException>(() => TtsHarness.AllAudio(tts, new TtsRequest("Hi", "v1", 1, 8_000)));

        Assert.Equal((ProviderFailure.RateLimited, TimeSpan.FromSeconds(3), true), (e.Failure, e.RetryAfter, e.IsTransient));
    }

    [Fact]
    public async Task Audio_cut_mid_stream_fails_after_the_audio_that_did_arrive()
    {
        var clientHasAudio = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost(Route, async (HttpContext context) =>
        {
            await LoopbackServer.WriteFlushedAsync(context.Response, Pcm.Tone(440, 8_000, 0.1));
            await clientHasAudio.Task;
            context.Abort();
        }));
        var tts = new ElevenLabsTextToSpeech(Settings(server), ProviderHttpClient.Shared);

        var received = 0;
        var e = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var chunk in tts.SynthesizeAsync(new TtsRequest("Hi", "v1", 1, 8_000), CancellationToken.None))
            {
                received += chunk.Length;
                clientHasAudio.TrySetResult();
            }
        });

        Assert.Equal(ProviderFailure.Unavailable, e.Failure);
        Assert.True(received > 0);
    }

    [Fact]
    public async Task Cancelling_stops_the_download()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost(Route, async (HttpContext context) =>
        {
            context.RequestAborted.Register(() => aborted.TrySetResult());
            await LoopbackServer.WriteFlushedAsync(context.Response, Pcm.Tone(440, 8_000, 0.1));
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        }));
        var tts = new ElevenLabsTextToSpeech(Settings(server), ProviderHttpClient.Shared);
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in tts.SynthesizeAsync(new TtsRequest("Hi", "v1", 1, 8_000), cts.Token)) await cts.CancelAsync();
        });

        await aborted.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private static ProviderSettings Settings(LoopbackServer server) => new(ElevenLabsTextToSpeech.Kind, Key, server.BaseUrl);
}
