using BotPbx.Asterisk.AudioSocket;

namespace BotPbx.Asterisk.Tests.AudioSocket;

public sealed class OutgoingAudioQueueTests
{
    [Fact]
    public async Task Chunks_of_any_size_come_out_as_frames_in_order()
    {
        var queue = new OutgoingAudioQueue(maxBytes: 10_000);
        var audio = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();

        await queue.EnqueueAsync(audio.AsMemory(0, 100), CancellationToken.None);
        await queue.EnqueueAsync(audio.AsMemory(100, 700), CancellationToken.None);
        await queue.EnqueueAsync(audio.AsMemory(800, 200), CancellationToken.None);
        var output = new List<byte>();
        var frame = new byte[320];
        int taken;
        while ((taken = queue.Dequeue(frame)) > 0) output.AddRange(frame[..taken]);

        Assert.Equal(audio, output);
        Assert.Equal(0, queue.QueuedBytes);
    }

    [Fact]
    public async Task Audio_that_wraps_around_and_grows_the_ring_comes_out_whole_and_in_order()
    {
        // Enqueue and dequeue interleaved in sizes that do not divide the ring, so writes and reads wrap around its
        // end, and now and then more is queued than the ring holds, so it grows with data on both sides of the wrap.
        var queue = new OutgoingAudioQueue(maxBytes: 1_000_000);
        var audio = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7 % 251)).ToArray();
        var output = new List<byte>();
        var frame = new byte[320];
        var written = 0;
        for (var round = 0; written < audio.Length; round++)
        {
            var size = Math.Min(audio.Length - written, round % 10 == 9 ? 9_000 : 333);
            await queue.EnqueueAsync(audio.AsMemory(written, size), CancellationToken.None);
            written += size;
            var taken = queue.Dequeue(frame);
            output.AddRange(frame[..taken]);
            queue.FrameSent();
        }
        int last;
        while ((last = queue.Dequeue(frame)) > 0) output.AddRange(frame[..last]);

        Assert.Equal(audio, output);
        Assert.Equal(0, queue.QueuedBytes);
    }

    [Fact]
    public async Task A_full_queue_makes_the_producer_wait_until_frames_leave()
    {
        var queue = new OutgoingAudioQueue(maxBytes: 640);
        await queue.EnqueueAsync(new byte[640], CancellationToken.None);

        var waiting = queue.EnqueueAsync(new byte[320], CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        queue.Dequeue(new byte[320]);
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(640, queue.QueuedBytes);
    }

    [Fact]
    public async Task Clearing_drops_what_was_not_sent_and_releases_drain_waiters()
    {
        var queue = new OutgoingAudioQueue(maxBytes: 10_000);
        await queue.EnqueueAsync(new byte[3200], CancellationToken.None);
        var drained = queue.WaitForDrainAsync(CancellationToken.None);

        Assert.False(drained.IsCompleted);
        Assert.Equal(3200, queue.Clear());
        await drained.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, queue.Dequeue(new byte[320]));
    }

    [Fact]
    public async Task A_completed_queue_refuses_more_audio()
    {
        var queue = new OutgoingAudioQueue(maxBytes: 10_000);
        queue.Complete();

        await Assert.ThrowsAsync<AudioSocketClosedException>(() => queue.EnqueueAsync(new byte[320], CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task The_queue_counts_as_drained_only_once_the_last_frame_is_on_the_socket()
    {
        var queue = new OutgoingAudioQueue(maxBytes: 10_000);
        await queue.EnqueueAsync(new byte[320], CancellationToken.None);
        var drained = queue.WaitForDrainAsync(CancellationToken.None);

        queue.Dequeue(new byte[320]);
        Assert.False(drained.IsCompleted);
        queue.FrameSent();

        await drained.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
