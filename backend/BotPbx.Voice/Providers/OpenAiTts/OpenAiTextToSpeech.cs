using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using BotPbx.Voice.Providers.Audio;

namespace BotPbx.Voice.Providers.OpenAiTts;

/// <summary>
/// OpenAI TTS (kind "openai-tts"): <c>POST /v1/audio/speech</c> with <c>response_format: "pcm"</c>, which is raw
/// 24 kHz 16-bit mono streamed in chunks; it is resampled to the call's rate as it arrives. Works with any server that
/// copies the endpoint (base URL; a local one may need no key). Options: <c>model</c> (default gpt-4o-mini-tts),
/// <c>voice</c> (default alloy).
/// </summary>
public sealed class OpenAiTextToSpeech(ProviderSettings settings, HttpClient http) : ITextToSpeech
{
    public const string Kind = "openai-tts";
    private const string Provider = "OpenAI TTS";

    /// <summary>The documented rate of response_format=pcm.</summary>
    public const int PcmRate = 24_000;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(TtsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A self-hosted compatible server (a base URL) may run without a key; OpenAI itself never does.
        var key = settings.KeyUnlessSelfHosted(Provider, "api.openai.com");
        using var message = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint("https://api.openai.com/v1", "audio/speech"))
        {
            Content = JsonBody.Of(new JsonObject
            {
                ["model"] = settings.Option("model") ?? "gpt-4o-mini-tts",
                ["input"] = request.Text,
                ["voice"] = request.Voice ?? settings.Option("voice") ?? "alloy",
                ["response_format"] = "pcm",
                ["speed"] = Math.Clamp(request.Speed > 0 ? request.Speed : 1, 0.25, 4.0),
            }),
        };
        if (!string.IsNullOrEmpty(key)) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await VendorHttp.SendAsync(http, message, Provider, key, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var chunk in AudioStreams.PcmAsync(body, PcmRate, request.SampleRate, Provider, cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }
}
