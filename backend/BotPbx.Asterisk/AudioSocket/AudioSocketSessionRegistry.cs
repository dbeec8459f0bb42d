namespace BotPbx.Asterisk.AudioSocket;

/// <summary>
/// The live sessions by UUID, so the AI agent layer can find the audio of a call it set up: it asks ARI for an
/// externalMedia channel with <c>data=&lt;uuid&gt;</c> (or the dialplan runs <c>AudioSocket(&lt;uuid&gt;,…)</c>) and
/// then waits here for Asterisk's connection with that UUID.
/// </summary>
public sealed class AudioSocketSessionRegistry
{
    private readonly Dictionary<Guid, IAudioSocketSession> _sessions = [];
    private readonly Dictionary<Guid, List<TaskCompletionSource<IAudioSocketSession>>> _waiters = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock) return _sessions.Count;
        }
    }

    public bool TryGet(Guid id, out IAudioSocketSession session)
    {
        lock (_lock) return _sessions.TryGetValue(id, out session!);
    }

    /// <summary>The session with this UUID, now or as soon as Asterisk connects with it.</summary>
    public async Task<IAudioSocketSession> WaitForAsync(Guid id, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<IAudioSocketSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_sessions.TryGetValue(id, out var live)) return live;
            if (!_waiters.TryGetValue(id, out var list)) _waiters[id] = list = [];
            list.Add(waiter);
        }
        try
        {
            return await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A cancelled wait must not stay behind for a UUID that never connects.
            lock (_lock)
            {
                if (_waiters.TryGetValue(id, out var list) && list.Remove(waiter) && list.Count == 0) _waiters.Remove(id);
            }
        }
    }

    /// <summary>Adds a new session; false when a live session already has its UUID (that connection is refused).</summary>
    internal bool TryAdd(IAudioSocketSession session)
    {
        List<TaskCompletionSource<IAudioSocketSession>>? waiting;
        lock (_lock)
        {
            if (!_sessions.TryAdd(session.Id, session)) return false;
            _waiters.Remove(session.Id, out waiting);
        }
        foreach (var waiter in waiting ?? []) waiter.TrySetResult(session);
        return true;
    }

    internal void Remove(IAudioSocketSession session)
    {
        lock (_lock)
        {
            if (_sessions.TryGetValue(session.Id, out var current) && ReferenceEquals(current, session)) _sessions.Remove(session.Id);
        }
    }
}
