using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using BotPbx.Voice.Providers.Audio;

namespace BotPbx.Voice.Providers.GoogleTts;

/// <summary>
/// Google Cloud Text-to-Speech (kind "google-tts"): <c>POST /v1/text:synthesize</c> with LINEAR16 at the call's rate.
/// Not streaming: the whole sentence comes back as base64 <c>audioContent</c>, a WAV whose header is stripped. The
/// key travels in the X-Goog-Api-Key header, not in <c>?key=</c>, so it never appears in a logged URL. Options:
/// <c>voice</c> (e.g. en-US-Neural2-C), <c>languageCode</c> (default: the voice name's first two parts, else en-US).
/// </summary>
public sealed class GoogleTextToSpeech(ProviderSettings settings, HttpClient http) : ITextToSpeech
{
    public const string Kind = "google-tts";
    private const string Provider = "Google TTS";

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(TtsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = settings.RequireKey(Provider);
        var voiceName = request.Voice ?? settings.Option("voice");
        var voice = new JsonObject { ["languageCode"] = settings.Option("languageCode") ?? LanguageOf(voiceName) };
        if (voiceName is not null) voice["name"] = voiceName;
        using var message = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint("https://texttospeech.googleapis.com", "v1/text:synthesize"))
        {
            Content = JsonBody.Of(new JsonObject
            {
                ["input"] = new JsonObject { ["text"] = request.Text },
                ["voice"] = voice,
                ["audioConfig"] = new JsonObject
                {
                    ["audioEncoding"] = "LINEAR16",
                    ["sampleRateHertz"] = request.SampleRate,
                    ["speakingRate"] = Math.Clamp(request.Speed > 0 ? request.Speed : 1, 0.25, 4.0),
                },
            }),
        };
        message.Headers.Add("X-Goog-Api-Key", key);
        byte[] audio;
        using (var response = await VendorHttp.SendAsync(http, message, Provider, key, cancellationToken).ConfigureAwait(false))
        {
            audio = await ReadAudioAsync(response, cancellationToken).ConfigureAwait(false);
        }
        yield return ToPcm(audio, request.SampleRate);
    }

    /// <summary>"en-US-Neural2-C" → "en-US"; Google requires a language even when the voice implies it.</summary>
    internal static string LanguageOf(string? voiceName) =>
        voiceName?.Split('-') is [var language, var region, ..] ? $"{language}-{region}" : "en-US";

    private static async Task<byte[]> ReadAudioAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!json.RootElement.TryGetProperty("audioContent", out var content) || content.ValueKind != JsonValueKind.String)
            {
                throw VendorHttp.Malformed(Provider, "answer (no audioContent)");
            }
            return content.GetBytesFromBase64();
        }
        catch (JsonException e)
        {
            throw VendorHttp.Malformed(Provider, "answer", e);
        }
        catch (FormatException e)
        {
            throw VendorHttp.Malformed(Provider, "audioContent (not base64)", e);
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw VendorHttp.Cut(Provider, "answer", e);
        }
    }

    /// <summary>LINEAR16 comes wrapped in a WAV header; should Google ever send another rate, it is resampled.</summary>
    private static byte[] ToPcm(byte[] audio, int sampleRate)
    {
        if (audio.Length < 4 || !audio.AsSpan(0, 4).SequenceEqual("RIFF"u8)) return audio;
        try
        {
            if (!Wav.TryReadHeader(audio, out var format, out var offset)) throw VendorHttp.Malformed(Provider, "WAV header (truncated)");
            var pcm = audio.AsSpan(offset, (audio.Length - offset) & ~1);
            return format.SampleRate == sampleRate ? pcm.ToArray() : PcmResampler.Resample(pcm, format.SampleRate, sampleRate);
        }
        catch (FormatException e)
        {
            throw VendorHttp.Malformed(Provider, "WAV header", e);
        }
    }
}
