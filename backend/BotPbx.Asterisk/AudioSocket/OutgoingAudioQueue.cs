using System.Numerics;

namespace BotPbx.Asterisk.AudioSocket;

/// <summary>
/// The audio waiting to be paced out: a byte FIFO (producers hand over any amount, the send clock takes one frame at
/// a time), bounded so a fast text-to-speech producer waits instead of growing memory, and clearable for barge-in.
/// </summary>
internal sealed class OutgoingAudioQueue(int maxBytes)
{
    /// <summary>Smallest ring: 200 ms of 8 kHz audio, or 5 frames of 16 kHz; most sessions never need more.</summary>
    private const int InitialRingSize = 4096;

    /// <summary>An empty ring bigger than this is given back, so a long utterance does not pin its memory for the call.</summary>
    private const int KeptRingSize = 64 * 1024;

    private readonly Lock _lock = new();

    // One growable ring of bytes instead of a copied array per chunk: an echo or relayed audio queues 50 chunks a
    // second per call, and an array each was a large share of the per-frame cost (issue 13).
    private byte[] _ring = [];
    private int _head;
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
                    Write(pcm.Span);
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
            var copied = (int)Math.Min(frame.Length, _queuedBytes);
            var first = Math.Min(copied, _ring.Length - _head);
            _ring.AsSpan(_head, first).CopyTo(frame);
            _ring.AsSpan(0, copied - first).CopyTo(frame[first..]);
            _head = (_head + copied) % Math.Max(1, _ring.Length);
            _queuedBytes -= copied;
            if (_queuedBytes == 0) Reset();
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
            _queuedBytes = 0;
            Reset();
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
            _queuedBytes = 0;
            _ring = [];
            _head = 0;
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

    /// <summary>Appends to the ring (under the lock), growing it to the next power of two that holds everything.</summary>
    private void Write(ReadOnlySpan<byte> pcm)
    {
        var needed = _queuedBytes + pcm.Length;
        if (needed > _ring.Length) Grow((int)needed);
        var tail = (int)((_head + _queuedBytes) % _ring.Length);
        var first = Math.Min(pcm.Length, _ring.Length - tail);
        pcm[..first].CopyTo(_ring.AsSpan(tail));
        pcm[first..].CopyTo(_ring);
        _queuedBytes = needed;
    }

    private void Grow(int needed)
    {
        var grown = new byte[Math.Max(InitialRingSize, (int)BitOperations.RoundUpToPowerOf2((uint)needed))];
        var queued = (int)_queuedBytes;
        var first = Math.Min(queued, _ring.Length - _head);
        _ring.AsSpan(_head, first).CopyTo(grown);
        _ring.AsSpan(0, queued - first).CopyTo(grown.AsSpan(first));
        _ring = grown;
        _head = 0;
    }

    /// <summary>The ring is empty: start at its beginning, and give a big one back.</summary>
    private void Reset()
    {
        _head = 0;
        if (_ring.Length > KeptRingSize) _ring = [];
    }

}
