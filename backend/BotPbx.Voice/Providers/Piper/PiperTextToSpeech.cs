using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using BotPbx.Voice.Providers.Audio;

namespace BotPbx.Voice.Providers.Piper;

/// <summary>
/// A Piper HTTP server (kind "piper"; <c>python3 -m piper.http_server -m VOICE</c>, port 5000 by default): a JSON
/// <c>POST /</c> with <c>text</c> (and optionally <c>voice</c>, <c>speaker</c>, <c>length_scale</c>) answers with a WAV
/// in the voice's own rate (22.05 kHz for most "medium" voices), resampled to the call's rate as it streams. No key.
/// Speed maps to length_scale = 1/speed (Piper's knob is duration, not rate). Options: <c>voice</c>, <c>speaker</c>.
/// </summary>
public sealed class PiperTextToSpeech(ProviderSettings settings, HttpClient http) : ITextToSpeech
{
    public const string Kind = "piper";
    private const string Provider = "Piper";

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(TtsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["text"] = request.Text };
        if ((request.Voice ?? settings.Option("voice")) is { } voice) body["voice"] = voice;
        if (settings.Option("speaker") is { } speaker) body["speaker"] = speaker;
        if (request.Speed > 0 && Math.Abs(request.Speed - 1) > 0.001)
        {
            body["length_scale"] = Math.Round(1 / Math.Clamp(request.Speed, 0.25, 4.0), 3);
        }
        using var message = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint("http://127.0.0.1:5000", "")) { Content = JsonBody.Of(body) };
        message.Headers.Accept.Add(VendorHttp.Accept("audio/wav"));
        using var response = await VendorHttp.SendAsync(http, message, Provider, null, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var chunk in AudioStreams.WavAsync(stream, request.SampleRate, Provider, cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }
}
