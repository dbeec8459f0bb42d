using System.Text.Json;

namespace BotPbx.Voice.Providers.AssemblyAi;

/// <summary>
/// One v3 stream. Audio must go in messages of 50 to 1000 ms (shorter ones close the session with an input-duration
/// error), so the pipeline's 20 ms frames are gathered first. <c>Turn</c> messages carry the whole turn so far;
/// with format_turns an ended turn arrives twice, unformatted then formatted: the formatted one is the segment.
/// </summary>
internal sealed class AssemblyAiSession : StreamingSttSession
{
    private readonly int _minChunk;
    private readonly SemaphoreSlim _bufferLock = new(1, 1);
    private readonly MemoryStream _buffer = new();

    public AssemblyAiSession(VendorWebSocket socket, int sampleRate, TimeSpan flushTimeout, TimeSpan keepAlive)
        : base(socket, AssemblyAiSpeechToText.Provider, flushTimeout, keepAlive)
    {
        _minChunk = sampleRate * 2 / 20; // 50 ms of 16-bit samples
    }

    protected override string KeepAliveMessage => """{"type":"KeepAlive"}""";

    public override async ValueTask SendAsync(ReadOnlyMemory<byte> pcm16, CancellationToken cancellationToken)
    {
        if (pcm16.IsEmpty) return;
        await _bufferLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _buffer.Write(pcm16.Span);
            if (_buffer.Length >= _minChunk) await SendBufferedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _bufferLock.Release();
        }
    }

    protected override void OnMessage(JsonElement message)
    {
        if (message.GetProperty("type").GetString() != "Turn") return;
        var text = message.GetProperty("transcript").GetString() ?? "";
        var ended = message.GetProperty("end_of_turn").GetBoolean();
        var formatted = message.TryGetProperty("turn_is_formatted", out var f) && f.ValueKind == JsonValueKind.True;
        if (!ended || !formatted)
        {
            Transcript.Partial(text);
            return;
        }
        var confidence = message.TryGetProperty("end_of_turn_confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : (double?)null;
        Transcript.Segment(text, confidence, endsTurn: true, answersFlush: true);
    }

    protected override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _bufferLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_buffer.Length > 0)
            {
                // The tail of the utterance, padded with silence up to the 50 ms minimum.
                if (_buffer.Length < _minChunk) _buffer.SetLength(_minChunk);
                await SendBufferedAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _bufferLock.Release();
        }
        await Socket.SendTextAsync("""{"type":"ForceEndpoint"}""", cancellationToken).ConfigureAwait(false);
    }

    protected override Task SayGoodbyeAsync(CancellationToken cancellationToken) => Socket.SendTextAsync("""{"type":"Terminate"}""", cancellationToken);

    private async Task SendBufferedAsync(CancellationToken cancellationToken)
    {
        var audio = _buffer.ToArray();
        _buffer.SetLength(0);
        await SendAudioAsync(audio, cancellationToken).ConfigureAwait(false);
    }
}
