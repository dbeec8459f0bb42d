namespace BotPbx.Asterisk.AudioSocket;

/// <summary>
/// When each outgoing frame is due. Frame n is due at origin + n × period on a monotonic clock, so lateness of one
/// frame never shifts the next (no drift), and no frame goes before its slot (Asterisk gets real-time audio, never a
/// whole utterance at once).
/// <para>Catch-up policy (issue 13). When the sender is behind its grid — after a stall of this process, or audio that
/// arrived late — it sends up to <c>maxCatchUpFrames</c> frames more than the one due per period, until it is back on
/// the grid. No slot is skipped and no audio is dropped, so a backlog always drains: at k extra frames per period a
/// stall of S is recovered in S / k. An earlier version skipped the missed slots instead; with a real-time producer (an
/// echo, relayed audio) the queue then stayed as deep as the stall for the rest of the call, so every later frame was
/// late. For an AI agent's speech the same rule only means the far end's jitter buffer receives at most k + 1 frames
/// per 20 ms for a short while; nothing is skipped or reordered.</para>
/// <para>When the queue ran dry and audio comes back, the grid is kept if the gap is within <c>catchUpWindow</c> (a
/// stall or a late producer: catch up), and restarted otherwise (a new utterance after a real pause starts at once and is
/// not squeezed). It is also restarted when the audio comes back on time or early, so the grid follows the producer.</para>
/// </summary>
internal sealed class AudioSocketSendClock(TimeProvider time, TimeSpan period, int maxCatchUpFrames, TimeSpan catchUpWindow)
{
    private long _origin;
    private long _index;
    private long _burstStart;
    private int _burstCount;

    /// <summary>Starts a new grid now.</summary>
    public void Restart()
    {
        _origin = time.GetTimestamp();
        _index = 0;
        _burstStart = _origin;
        _burstCount = 0;
    }

    /// <summary>Audio is queued again after the queue ran dry: keep the grid to catch up a short gap, else start anew.</summary>
    public void Resume()
    {
        var behind = time.GetElapsedTime(_origin) - Due(_index);
        if (behind <= TimeSpan.Zero || behind > catchUpWindow) Restart();
    }

    /// <summary>How long until the next frame may go; zero when it is due or late and the catch-up burst allows it.</summary>
    public TimeSpan NextDelay()
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(_origin, now);
        var due = Due(_index);
        if (elapsed < due) return due - elapsed;
        var sinceBurst = time.GetElapsedTime(_burstStart, now);
        if (sinceBurst >= period)
        {
            _burstStart = now;
            _burstCount = 0;
            return TimeSpan.Zero;
        }
        // Behind the grid: at most one due frame plus maxCatchUpFrames extra ones per period.
        return _burstCount <= maxCatchUpFrames ? TimeSpan.Zero : period - sinceBurst;
    }

    /// <summary>Marks the due frame as sent and returns how late it left against its slot on the grid.</summary>
    public TimeSpan FrameSent()
    {
        var lateness = time.GetElapsedTime(_origin) - Due(_index);
        _index++;
        _burstCount++;
        return lateness;
    }

    private TimeSpan Due(long index) => TimeSpan.FromTicks(period.Ticks * index);
}
