using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.Audio;
using BotPbx.Voice.Providers.Whisper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BotPbx.Voice.Tests.Providers.Stt;

/// <summary>POST /v1/audio/transcriptions, multipart with a WAV; {"text": …} back (OpenAI, Groq, local whisper servers).</summary>
public sealed class WhisperSpeechToTextTests
{
    private const string Key = "gsk_test_whisper_4c2d";

    [Fact]
    public async Task The_utterance_goes_up_as_one_wav_and_its_text_is_the_final_result()
    {
        IFormCollection? form = null;
        byte[]? wav = null;
        string? authorization = null;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/openai/v1/audio/transcriptions", async context =>
        {
            authorization = context.Request.Headers.Authorization;
            form = await context.Request.ReadFormAsync();
            using var file = new MemoryStream();
            await form.Files["file"]!.CopyToAsync(file);
            wav = file.ToArray();
            await context.Response.WriteAsync("""{"text":" I'd like to check my order. ","x_groq":{"id":"req_01jk"}}""");
        }));
        var stt = new WhisperSpeechToText(new ProviderSettings(WhisperSpeechToText.Kind, Key, new Uri(server.BaseUrl, "openai/v1"),
            new Dictionary<string, string> { ["model"] = "whisper-large-v3-turbo" }), ProviderHttpClient.Shared);

        SttResult final;
        await using (var session = await stt.StartAsync(new SttOptions(8_000, "en-US"), CancellationToken.None))
        {
            var results = SttHarness.Collect(session);
            foreach (var frame in SttHarness.Frames(8_000, 25)) await session.SendAsync(frame, CancellationToken.None);
            await session.CompleteAsync(CancellationToken.None);
            final = await results.Final;
        }

        Assert.False(stt.IsStreaming);
        Assert.Equal(new SttResult("I'd like to check my order.", true), final);
        Assert.Equal($"Bearer {Key}", authorization);
        Assert.Equal(("whisper-large-v3-turbo", "en", "json"), (form!["model"].ToString(), form["language"].ToString(), form["response_format"].ToString()));
        Assert.Equal("audio.wav", form.Files["file"]!.FileName);
        Assert.True(Wav.TryReadHeader(wav, out var format, out var offset));
        Assert.Equal((8_000, 25 * 320), (format.SampleRate, wav!.Length - offset));
    }

    [Fact]
    public async Task An_end_of_turn_with_no_audio_gives_an_empty_final_without_a_request()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/audio/transcriptions", () => Results.Ok()));
        var stt = new WhisperSpeechToText(new ProviderSettings(WhisperSpeechToText.Kind, Key, new Uri(server.BaseUrl, "v1")), ProviderHttpClient.Shared);

        await using var session = await stt.StartAsync(new SttOptions(8_000, "en"), CancellationToken.None);
        var results = SttHarness.Collect(session);
        await session.CompleteAsync(CancellationToken.None);

        Assert.Equal(new SttResult("", true), await results.Final);
        Assert.Empty(server.Seen);
    }

    [Fact]
    public async Task A_429_from_groq_carries_its_fractional_retry_after()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/audio/transcriptions", context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "1.5";
            return context.Response.WriteAsync("""{"error":{"message":"Rate limit reached for model `whisper-large-v3` on seconds of audio per hour (ASPH)","type":"seconds","code":"rate_limit_exceeded"}}""");
        }));
        var stt = new WhisperSpeechToText(new ProviderSettings(WhisperSpeechToText.Kind, Key, new Uri(server.BaseUrl, "v1")), ProviderHttpClient.Shared);

        await using var session = await stt.StartAsync(new SttOptions(8_000, "en"), CancellationToken.None);
        await session.SendAsync(new byte[320], CancellationToken.None);
        var e = await Assert.ThrowsAsync<ProviderException>(() => session.CompleteAsync(CancellationToken.None).AsTask());

        Assert.Equal((ProviderFailure.RateLimited, TimeSpan.FromSeconds(1.5)), (e.Failure, e.RetryAfter));
        Assert.Contains("Whisper", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_without_text_is_a_protocol_error()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/audio/transcriptions", context => context.Response.WriteAsync("""{"segments":[]}""")));
        var stt = new WhisperSpeechToText(new ProviderSettings(WhisperSpeechToText.Kind, Key, new Uri(server.BaseUrl, "v1")), ProviderHttpClient.Shared);

        await using var session = await stt.StartAsync(new SttOptions(8_000, "en"), CancellationToken.None);
        await session.SendAsync(new byte[320], CancellationToken.None);
        var e = await Assert.ThrowsAsync<ProviderException>(() => session.CompleteAsync(CancellationToken.None).AsTask());

        Assert.Equal(ProviderFailure.Protocol, e.Failure);
    }

    [Fact]
    public async Task OpenAI_itself_needs_a_key()
    {
        var stt = new WhisperSpeechToText(new ProviderSettings(WhisperSpeechToText.Kind), ProviderHttpClient.Shared);

        var e = await Assert.ThrowsAsync<ProviderException>(() => stt.StartAsync(new SttOptions(8_000, "en"), CancellationToken.None));

        Assert.Equal(ProviderFailure.Unauthorized, e.Failure);
    }
}
