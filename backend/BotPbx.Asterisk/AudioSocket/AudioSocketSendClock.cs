namespace BotPbx.Asterisk.AudioSocket;

/// <summary>
/// When each outgoing frame is due. Frame n is due at origin + n × period on a monotonic clock, so lateness of one
/// frame never shifts the next (no drift). After a stall the clock catches up by letting at most
/// <c>maxCatchUpFrames</c> extra frames go at once and skipping the older slots, so Asterisk never receives a long burst.
/// </summary>
internal sealed class AudioSocketSendClock(TimeProvider time, TimeSpan period, int maxCatchUpFrames)
{
    private long _origin;
    private long _index;

    /// <summary>Starts a new grid now (after the queue ran dry: a new utterance starts at once).</summary>
    public void Restart()
    {
        _origin = time.GetTimestamp();
        _index = 0;
    }

    /// <summary>How long until the next frame is due; zero when it is due or late. Skips slots beyond the catch-up bound.</summary>
    public TimeSpan NextDelay()
    {
        var elapsed = time.GetElapsedTime(_origin);
        var due = Due(_index);
        if (elapsed < due) return due - elapsed;
        var behind = (elapsed - due).Ticks / period.Ticks;
        if (behind > maxCatchUpFrames) _index += behind - maxCatchUpFrames;
        return TimeSpan.Zero;
    }

    /// <summary>Marks the due frame as sent and returns how late it left against its slot on the grid.</summary>
    public TimeSpan FrameSent()
    {
        var lateness = time.GetElapsedTime(_origin) - Due(_index);
        _index++;
        return lateness;
    }

    private TimeSpan Due(long index) => TimeSpan.FromTicks(period.Ticks * index);
}
