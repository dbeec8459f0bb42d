using System.Collections.Concurrent;
using BotPbx.Asterisk.AudioSocket;

namespace BotPbx.Voice.Pipeline;

/// <summary>
/// When a session's next audio frame actually left for Asterisk: the "first frame sent" mark of a turn's waterfall,
/// and the lateness figures of the benchmark. The AudioSocket server reports every paced frame here
/// (<see cref="AudioSocketOptions.AudioFrameSent"/> = <see cref="OnFrameSent"/>); a conversation asks for the next one.
/// </summary>
public sealed class FrameSentSignals(TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<DateTimeOffset>> _waiting = new();
    private long _frames;
    private long _late;
    private long _maxLatenessTicks;

    /// <summary>Frames later than this against their slot count as late in <see cref="LateFrames"/>.</summary>
    public TimeSpan LateThreshold { get; set; } = TimeSpan.FromMilliseconds(20);

    public long Frames => Interlocked.Read(ref _frames);

    public long LateFrames => Interlocked.Read(ref _late);

    public TimeSpan MaxLateness => TimeSpan.FromTicks(Interlocked.Read(ref _maxLatenessTicks));

    /// <summary>Completes with the time the session's next frame is sent (or is cancelled).</summary>
    public Task<DateTimeOffset> NextFrameAsync(Guid session)
    {
        var waiter = _waiting.GetOrAdd(session, static _ => new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously));
        return waiter.Task;
    }

    public void Forget(Guid session)
    {
        if (_waiting.TryRemove(session, out var waiter)) waiter.TrySetCanceled();
    }

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _frames, 0);
        Interlocked.Exchange(ref _late, 0);
        Interlocked.Exchange(ref _maxLatenessTicks, 0);
    }

    /// <summary>Runs on each session's send path: cheap, never throws.</summary>
    public void OnFrameSent(IAudioSocketSession session, TimeSpan lateness)
    {
        Interlocked.Increment(ref _frames);
        if (lateness > LateThreshold) Interlocked.Increment(ref _late);
        var ticks = lateness.Ticks;
        long seen;
        while (ticks > (seen = Interlocked.Read(ref _maxLatenessTicks)) && Interlocked.CompareExchange(ref _maxLatenessTicks, ticks, seen) != seen)
        {
        }
        if (!_waiting.IsEmpty && _waiting.TryRemove(session.Id, out var waiter)) waiter.TrySetResult(time.GetUtcNow());
    }
}
