using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using BotPbx.Voice.Providers.Audio;

namespace BotPbx.Voice.Providers.Whisper;

/// <summary>
/// One call's transcriber: audio accumulates until <see cref="CompleteAsync"/>, which posts it as
/// <c>multipart/form-data</c> (file=audio.wav, model, language, response_format=json) and publishes
/// <c>{"text": …}</c> as the utterance's final result.
/// </summary>
internal sealed class WhisperSession(ProviderSettings settings, HttpClient http, string? key, SttOptions options) : ISttSession
{
    /// <summary>A minute of audio at 16 kHz; a longer utterance is a stuck VAD, and the oldest audio is dropped.</summary>
    private const int MaxBytes = 16_000 * 2 * 60;

    private readonly Channel<SttResult> _results = Channel.CreateUnbounded<SttResult>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _lock = new();
    private MemoryStream _audio = new();

    public ValueTask SendAsync(ReadOnlyMemory<byte> pcm16, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _audio.Write(pcm16.Span);
            if (_audio.Length > MaxBytes)
            {
                var all = _audio.ToArray();
                _audio = new MemoryStream();
                _audio.Write(all.AsSpan((int)((all.Length - MaxBytes + 1) & ~1)));
            }
        }
        return ValueTask.CompletedTask;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        byte[] audio;
        lock (_lock)
        {
            audio = _audio.ToArray();
            _audio = new MemoryStream();
        }
        var text = audio.Length < 2 ? "" : await TranscribeAsync(audio, cancellationToken).ConfigureAwait(false);
        _results.Writer.TryWrite(new SttResult(text, IsFinal: true));
    }

    public async IAsyncEnumerable<SttResult> ResultsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var result in _results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return result;
    }

    public ValueTask DisposeAsync()
    {
        _results.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private async Task<string> TranscribeAsync(byte[] pcm, CancellationToken cancellationToken)
    {
        var wav = new ByteArrayContent(Wav.Build(pcm.AsSpan(0, pcm.Length & ~1), options.SampleRate));
        wav.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        using var form = new MultipartFormDataContent
        {
            { wav, "file", "audio.wav" },
            { new StringContent(options.Model ?? settings.Option("model") ?? "whisper-1"), "model" },
            { new StringContent("json"), "response_format" },
        };
        // Whisper wants ISO-639-1 ("en"), the agent form stores a locale ("en-US").
        if (options.Language.Split('-')[0] is { Length: > 0 } language) form.Add(new StringContent(language.ToLowerInvariant()), "language");
        if (settings.Option("prompt") is { } prompt) form.Add(new StringContent(prompt), "prompt");
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint("https://api.openai.com/v1", settings.Option("path") ?? "audio/transcriptions"))
        {
            Content = form,
        };
        if (!string.IsNullOrEmpty(key)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await VendorHttp.SendAsync(http, request, WhisperSpeechToText.Provider, key, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return json.RootElement.GetProperty("text").GetString()?.Trim() ?? "";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw VendorHttp.Malformed(WhisperSpeechToText.Provider, "transcription (no \"text\")", e);
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw VendorHttp.Cut(WhisperSpeechToText.Provider, "transcription", e);
        }
    }
}
