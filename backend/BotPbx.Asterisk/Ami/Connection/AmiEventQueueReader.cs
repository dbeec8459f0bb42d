using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// The consumer's side of a subscription: a single-consumer, lock-free queue (the socket reader is its only writer)
/// that counts what is queued, so the subscription can bound it and the reader can wait for room. A bounded
/// <see cref="Channel{T}"/> takes a lock on every write and every read; at a million events per second that lock was
/// a large share of the cost (issue 13). One consumer at a time may read.
/// </summary>
internal sealed class AmiEventQueueReader : ChannelReader<AmiEvent>
{
    private readonly Channel<AmiEvent> _queue = Channel.CreateUnbounded<AmiEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = false });

    private readonly int _roomAt;
    private int _count;
    private int _writerWaiting;
    private TaskCompletionSource? _room;

    /// <param name="roomAt">The queue length at or below which a waiting writer is woken.</param>
    public AmiEventQueueReader(int roomAt) => _roomAt = roomAt;

    public override bool CanCount => true;

    public override int Count => Volatile.Read(ref _count);

    public override Task Completion => _queue.Reader.Completion;

    public bool IsCompleted => _queue.Reader.Completion.IsCompleted;

    public override bool TryRead([MaybeNullWhen(false)] out AmiEvent item)
    {
        if (!_queue.Reader.TryRead(out item)) return false;
        var left = Interlocked.Decrement(ref _count);
        if (left <= _roomAt && Volatile.Read(ref _writerWaiting) != 0) WakeWriter();
        return true;
    }

    public override bool TryPeek([MaybeNullWhen(false)] out AmiEvent item) => _queue.Reader.TryPeek(out item);

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
        _queue.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Writer side: queues one event (never fails while the queue is open).</summary>
    public bool TryWrite(AmiEvent amiEvent)
    {
        Interlocked.Increment(ref _count);
        if (_queue.Writer.TryWrite(amiEvent)) return true;
        Interlocked.Decrement(ref _count);
        return false;
    }

    public void Complete()
    {
        _queue.Writer.TryComplete();
        WakeWriter();
    }

    /// <summary>Writer side: completes when the consumer has brought the queue down to the wake-up mark, or it completed.</summary>
    public Task WaitForRoomAsync()
    {
        var room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _room, room);
        Volatile.Write(ref _writerWaiting, 1);
        // Re-check after announcing the wait, or a read that happened just before could be missed.
        if (Count <= _roomAt || IsCompleted) WakeWriter();
        return room.Task;
    }

    private void WakeWriter()
    {
        if (Interlocked.Exchange(ref _writerWaiting, 0) == 0) return;
        Volatile.Read(ref _room)?.TrySetResult();
    }
}
