using System.Threading.Tasks.Sources;

namespace BotPbx.Asterisk.AudioSocket;

/// <summary>
/// The send clock's wait for the next slot: one timer per session, re-armed for each wait, instead of a
/// <c>Task.Delay</c> (a new timer, promise and cancellation registration) per frame. The clock waits whenever audio
/// is queued ahead of its slot: a burst from the caller's side, or speech queued faster than real time, which at 1000
/// calls is tens of thousands of waits a second (issue 13). Single waiter: the session's pacer.
/// </summary>
internal sealed class AudioSocketPacerDelay : IValueTaskSource, IDisposable
{
    private readonly ITimer _timer;
    private ManualResetValueTaskSourceCore<bool> _signal;
    private int _armed;

    public AudioSocketPacerDelay(TimeProvider time) =>
        _timer = time.CreateTimer(static state => ((AudioSocketPacerDelay)state!).Wake(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>Completes after <paramref name="delay"/>, or earlier on <see cref="Wake"/> (the session closed).</summary>
    public ValueTask WaitAsync(TimeSpan delay)
    {
        _signal.Reset();
        Volatile.Write(ref _armed, 1);
        // Timers count whole milliseconds and cut the fraction; rounded up, the wait never ends before the slot.
        _timer.Change(TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds)), Timeout.InfiniteTimeSpan);
        return new ValueTask(this, _signal.Version);
    }

    /// <summary>Ends the current wait, if any; the timer and a close may both call it, only the first counts.</summary>
    public void Wake()
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1) _signal.SetResult(true);
    }

    public void Dispose() => _timer.Dispose();

    void IValueTaskSource.GetResult(short token) => _signal.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _signal.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _signal.OnCompleted(continuation, state, token, flags);
}
