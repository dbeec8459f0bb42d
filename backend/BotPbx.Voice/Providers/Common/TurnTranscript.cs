using System.Threading.Channels;

namespace BotPbx.Voice.Providers;

/// <summary>
/// The utterance bookkeeping both streaming STT vendors need. Vendors cut speech into segments (Deepgram's is_final
/// results, AssemblyAI's turns) on their own schedule, while BotPBX's pipeline owns end of turn: so finished segments
/// are kept, every update is published as an interim result (all segments so far plus the live partial), and the one
/// final result of an utterance is published only after <see cref="CompleteAsync"/>: when the vendor answers the flush
/// (Deepgram's from_finalize, AssemblyAI's forced end_of_turn), at once if the vendor had already closed the turn and
/// heard nothing since, or after <see cref="FlushTimeout"/> with what was heard (a vendor that answers a flush of
/// silence with nothing must not leave the caller waiting).
/// </summary>
internal sealed class TurnTranscript(ChannelWriter<SttResult> results, TimeSpan flushTimeout)
{
    private readonly Lock _lock = new();
    private readonly List<string> _segments = [];
    private string _partial = "";
    private bool _vendorClosedTurn;
    private int _flushGeneration;
    private bool _flushPending;
    private double? _confidence;

    public TimeSpan FlushTimeout { get; } = flushTimeout;

    /// <summary>A live, still-changing hypothesis of the current segment.</summary>
    public void Partial(string text)
    {
        lock (_lock)
        {
            if (text.Length == 0 && _partial.Length == 0) return;
            _partial = text;
            if (text.Length > 0) _vendorClosedTurn = false;
            results.TryWrite(new SttResult(Joined(), IsFinal: false));
        }
    }

    /// <summary>A segment the vendor will not revise. <paramref name="answersFlush"/>: it is the vendor's reply to the flush.</summary>
    public void Segment(string text, double? confidence, bool endsTurn, bool answersFlush)
    {
        lock (_lock)
        {
            if (text.Length > 0) _segments.Add(text);
            _partial = "";
            _confidence = confidence ?? _confidence;
            _vendorClosedTurn = endsTurn;
            if (_flushPending && answersFlush) PublishFinal();
            else if (text.Length > 0) results.TryWrite(new SttResult(Joined(), IsFinal: false, confidence));
        }
    }

    /// <summary>The pipeline's end of turn. Returns true when the vendor must be asked to flush (false: already final).</summary>
    public bool BeginFlush()
    {
        lock (_lock)
        {
            if (_vendorClosedTurn && _partial.Length == 0)
            {
                PublishFinal();
                return false;
            }
            _flushPending = true;
            var generation = ++_flushGeneration;
            _ = ExpireAsync(generation);
            return true;
        }
    }

    private async Task ExpireAsync(int generation)
    {
        await Task.Delay(FlushTimeout).ConfigureAwait(false);
        lock (_lock)
        {
            if (_flushPending && _flushGeneration == generation) PublishFinal();
        }
    }

    private void PublishFinal()
    {
        results.TryWrite(new SttResult(Joined(), IsFinal: true, _confidence));
        _segments.Clear();
        _partial = "";
        _confidence = null;
        _flushPending = false;
        _vendorClosedTurn = false;
    }

    private string Joined() => string.Join(' ', _partial.Length > 0 ? [.. _segments, _partial] : _segments);
}
