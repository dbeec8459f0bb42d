namespace BotPbx.Asterisk.AudioSocket;

/// <summary>
/// The audio waiting to be paced out: a byte FIFO (producers hand over any amount, the send clock takes one frame at
/// a time), bounded so a fast text-to-speech producer waits instead of growing memory, and clearable for barge-in.
/// </summary>
internal sealed class OutgoingAudioQueue(int maxBytes)
{
    private readonly Queue<byte[]> _chunks = new();
    private readonly Lock _lock = new();
    private int _headOffset;
    private long _queuedBytes;
    private bool _completed;
    private bool _frameInFlight;
    // Completed inline: the send clock is the only waiter, and resuming it on the producer's thread (the read loop, for
    // an echo) saves a thread-pool hop per frame (issue 13).
    private TaskCompletionSource _dataAvailable = new();
    private TaskCompletionSource _spaceAvailable = NewSignal();

    // Created only when someone waits for the queue to drain, not for every frame.
    private TaskCompletionSource? _drained;

    public long QueuedBytes
    {
        get
        {
            lock (_lock) return _queuedBytes;
        }
    }

    /// <summary>Copies <paramref name="pcm"/> in; waits while the queue is full. Throws once the queue is completed.</summary>
    public async ValueTask EnqueueAsync(ReadOnlyMemory<byte> pcm, CancellationToken cancellationToken)
    {
        if (pcm.IsEmpty) return;
        TaskCompletionSource wake;
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_completed) throw new AudioSocketClosedException("The AudioSocket session is closed.");
                // A chunk bigger than the whole queue is still accepted once the queue is empty, so it cannot wait forever.
                if (_queuedBytes == 0 || _queuedBytes + pcm.Length <= maxBytes)
                {
                    _chunks.Enqueue(pcm.ToArray());
                    _queuedBytes += pcm.Length;
                    wake = _dataAvailable;
                    break;
                }
                if (_spaceAvailable.Task.IsCompleted) _spaceAvailable = NewSignal();
                wait = _spaceAvailable.Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        // Outside the lock: the send clock may run inline from here.
        wake.TrySetResult();
    }

    /// <summary>Moves up to <paramref name="frame"/>.Length bytes out; returns how many.</summary>
    public int Dequeue(Span<byte> frame)
    {
        lock (_lock)
        {
            var copied = 0;
            while (copied < frame.Length && _chunks.TryPeek(out var head))
            {
                var take = Math.Min(frame.Length - copied, head.Length - _headOffset);
                head.AsSpan(_headOffset, take).CopyTo(frame[copied..]);
                copied += take;
                _headOffset += take;
                if (_headOffset == head.Length)
                {
                    _chunks.Dequeue();
                    _headOffset = 0;
                }
            }
            _queuedBytes -= copied;
            if (copied > 0)
            {
                // Drained is signalled by FrameSent, once this frame is on the socket, not when it leaves the queue.
                _frameInFlight = true;
                _spaceAvailable.TrySetResult();
            }
            return copied;
        }
    }

    /// <summary>The frame taken by the last <see cref="Dequeue"/> was written (or given up): the queue may now be drained.</summary>
    public void FrameSent()
    {
        lock (_lock)
        {
            _frameInFlight = false;
            if (_queuedBytes == 0) SetEmpty();
        }
    }

    /// <summary>
    /// Completes when there is audio to send or the queue was completed (<see cref="Complete"/> wakes it, so no
    /// cancellation token, and no registration per wait, is needed). Single waiter: the send clock.
    /// </summary>
    public Task WaitForDataAsync()
    {
        lock (_lock)
        {
            if (_queuedBytes > 0 || _completed) return Task.CompletedTask;
            if (_dataAvailable.Task.IsCompleted) _dataAvailable = new TaskCompletionSource();
            return _dataAvailable.Task;
        }
    }

    public bool IsCompleted
    {
        get
        {
            lock (_lock) return _completed;
        }
    }

    /// <summary>Completes when everything queued so far has been written to the socket (or the queue was completed).</summary>
    public Task WaitForDrainAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_completed || (_queuedBytes == 0 && !_frameInFlight)) return Task.CompletedTask;
            return (_drained ??= NewSignal()).Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Drops everything not yet sent (the caller barged in); returns the bytes dropped.</summary>
    public long Clear()
    {
        lock (_lock)
        {
            var dropped = _queuedBytes;
            _chunks.Clear();
            _headOffset = 0;
            _queuedBytes = 0;
            _spaceAvailable.TrySetResult();
            if (!_frameInFlight) SetDrained();
            return dropped;
        }
    }

    /// <summary>No more audio will be sent: wakes every waiter; later enqueues throw.</summary>
    public void Complete()
    {
        TaskCompletionSource wake;
        lock (_lock)
        {
            wake = _dataAvailable;
            _completed = true;
            _chunks.Clear();
            _queuedBytes = 0;
            SetEmpty();
        }
        // Outside the lock: the send clock may run inline from here.
        wake.TrySetResult();
    }

    private void SetEmpty()
    {
        _spaceAvailable.TrySetResult();
        SetDrained();
    }

    private void SetDrained()
    {
        _drained?.TrySetResult();
        _drained = null;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

}
