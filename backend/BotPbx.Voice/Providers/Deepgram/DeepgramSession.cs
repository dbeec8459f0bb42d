using System.Text.Json;

namespace BotPbx.Voice.Providers.Deepgram;

/// <summary>
/// One Deepgram stream. <c>Results</c> with <c>is_final: false</c> are interim; <c>is_final: true</c> segments are
/// kept; <c>speech_final</c> marks Deepgram's own endpoint; <c>from_finalize</c> answers our <c>Finalize</c>.
/// <c>KeepAlive</c> every 5 s of silence (Deepgram closes an idle stream after 10 s, NET-0001), <c>CloseStream</c> to end.
/// Metadata, SpeechStarted and UtteranceEnd carry nothing the pipeline needs.
/// </summary>
internal sealed class DeepgramSession(VendorWebSocket socket, TimeSpan flushTimeout, TimeSpan keepAlive)
    : StreamingSttSession(socket, DeepgramSpeechToText.Provider, flushTimeout, keepAlive)
{
    protected override string KeepAliveMessage => """{"type":"KeepAlive"}""";

    protected override void OnMessage(JsonElement message)
    {
        if (message.GetProperty("type").GetString() != "Results") return;
        var best = message.GetProperty("channel").GetProperty("alternatives")[0];
        var text = best.GetProperty("transcript").GetString() ?? "";
        if (!message.GetProperty("is_final").GetBoolean())
        {
            Transcript.Partial(text);
            return;
        }
        var confidence = best.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : (double?)null;
        var speechFinal = message.TryGetProperty("speech_final", out var s) && s.ValueKind == JsonValueKind.True;
        var fromFinalize = message.TryGetProperty("from_finalize", out var f) && f.ValueKind == JsonValueKind.True;
        Transcript.Segment(text, confidence, endsTurn: speechFinal, answersFlush: fromFinalize);
    }

    protected override Task FlushAsync(CancellationToken cancellationToken) => Socket.SendTextAsync("""{"type":"Finalize"}""", cancellationToken);

    protected override Task SayGoodbyeAsync(CancellationToken cancellationToken) => Socket.SendTextAsync("""{"type":"CloseStream"}""", cancellationToken);
}
