using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using BotPbx.Voice.Providers.Audio;

namespace BotPbx.Voice.Providers.ElevenLabs;

/// <summary>
/// ElevenLabs streaming TTS (kind "elevenlabs"): <c>POST /v1/text-to-speech/{voice_id}/stream?output_format=pcm_N</c>
/// answers with raw 16-bit PCM in HTTP chunks as it is synthesised, so the first audio plays before the sentence is
/// done. The call's rate is asked for directly when ElevenLabs has it (8, 16, 22.05, 24, 44.1, 48 kHz), otherwise
/// 16 kHz is resampled. Options: <c>model</c> (default eleven_flash_v2_5, their low-latency model), <c>voice</c>.
/// </summary>
public sealed class ElevenLabsTextToSpeech(ProviderSettings settings, HttpClient http) : ITextToSpeech
{
    public const string Kind = "elevenlabs";
    private const string Provider = "ElevenLabs";
    private static readonly int[] PcmRates = [8_000, 16_000, 22_050, 24_000, 44_100, 48_000];

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(TtsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = settings.RequireKey(Provider);
        var voice = request.Voice ?? settings.Option("voice")
            ?? throw new ProviderException(Provider, ProviderFailure.Protocol, "no voice is set (ElevenLabs needs a voice id).");
        var rate = PcmRates.Contains(request.SampleRate) ? request.SampleRate : 16_000;
        var url = settings.Endpoint("https://api.elevenlabs.io", $"v1/text-to-speech/{Uri.EscapeDataString(voice)}/stream?output_format=pcm_{rate}");
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonBody.Of(new JsonObject
            {
                ["text"] = request.Text,
                ["model_id"] = settings.Option("model") ?? "eleven_flash_v2_5",
                // ElevenLabs accepts 0.7…1.2; outside that it answers 400.
                ["voice_settings"] = new JsonObject { ["speed"] = Math.Clamp(request.Speed > 0 ? request.Speed : 1, 0.7, 1.2) },
            }),
        };
        message.Headers.Add("xi-api-key", key);
        message.Headers.Accept.Add(VendorHttp.Accept("audio/pcm"));
        using var response = await VendorHttp.SendAsync(http, message, Provider, key, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var chunk in AudioStreams.PcmAsync(body, rate, request.SampleRate, Provider, cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }
}
