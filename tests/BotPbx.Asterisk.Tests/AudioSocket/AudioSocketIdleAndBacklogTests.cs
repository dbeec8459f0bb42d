using BotPbx.Asterisk.AudioSocket;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.AudioSocket;

/// <summary>
/// A silent peer is closed on its own (issue 9), and an echo whose input arrived in a burst, as after a stall, drains
/// its backlog instead of staying behind for the rest of the call (issue 13).
/// </summary>
public sealed class AudioSocketIdleAndBacklogTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_peer_that_sends_nothing_after_its_UUID_is_closed_alone_and_a_talking_one_is_not()
    {
        var ended = new TaskCompletionSource<AudioSocketCloseReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        var silentId = Guid.NewGuid();
        var talkingId = Guid.NewGuid();
        await using var server = await TestAudioSocketServer.StartAsync(async (session, token) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                if (session.Id == silentId) ended.TrySetResult(session.CloseReason);
            }
        }, o => o.IdleTimeout = TimeSpan.FromSeconds(2)); // long enough that a loaded machine never starves the talker that long
        await using var silent = await AudioSocketPeer.ConnectAsync(server.EndPoint, silentId, None);
        await using var talking = await AudioSocketPeer.ConnectAsync(server.EndPoint, talkingId, None);
        using var talk = new CancellationTokenSource();
        var talker = Task.Run(async () =>
        {
            while (!talk.IsCancellationRequested)
            {
                await talking.SendAudioAsync(new byte[320], None);
                await Task.Delay(20, None);
            }
        }, None);

        Assert.Equal(AudioSocketCloseReason.IdleTimeout, await ended.Task.WaitAsync(TestAudioSocketServer.Patience));
        await silent.Completion.WaitAsync(TestAudioSocketServer.Patience);

        // The silent session leaves the registry once its handler has returned, a moment after its socket closed.
        using (var patience = new CancellationTokenSource(TestAudioSocketServer.Patience))
            while (server.Sessions.TryGet(silentId, out _)) await Task.Delay(10, patience.Token);
        Assert.True(server.Sessions.TryGet(talkingId, out _), "the talking session is still registered");
        Assert.True(server.Logged(AudioSocketLogLevel.Warning, e => e.Session == silentId && e.Message.Contains("No frame", StringComparison.Ordinal)));
        await talk.CancelAsync();
        await talker;
    }

    [Fact]
    public async Task An_echo_that_stalled_sends_every_frame_back_and_its_queue_drains_while_input_keeps_coming()
    {
        // The smallest backlog seen after the stall: a queue that never drains stays at the stall's 300 ms or more.
        // (Not the backlog at the last frame alone: on a loaded machine that one moment can find a frame or two late.)
        var leastQueuedAfterStall = TimeSpan.MaxValue;
        var done = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestAudioSocketServer.StartAsync(async (session, token) =>
        {
            var echoed = 0;
            await foreach (var frame in session.Incoming.ReadAllAsync(token))
            {
                if (!frame.IsAudio) continue;
                // A stall of the echo (a GC pause, a busy core): 300 ms in which input piles up unread.
                if (echoed == 10) await Task.Delay(300, token);
                await session.SendAudioAsync(frame.Payload, token);
                if (++echoed > 25 && session.QueuedAudio < leastQueuedAfterStall) leastQueuedAfterStall = session.QueuedAudio;
                if (echoed == Frames) done.TrySetResult(leastQueuedAfterStall);
            }
        });
        await using var peer = await AudioSocketPeer.ConnectAsync(server.EndPoint, Guid.NewGuid(), None);

        // Input paced like Asterisk's, for 1.4 s: long after the stall, so the backlog has had time to drain.
        var frames = Enumerable.Range(0, Frames).Select(i => Enumerable.Repeat((byte)i, 320).ToArray()).ToArray();
        foreach (var frame in frames) await PacedAsync(peer, frame);

        // The 15 frames of the stall were queued at once; before the input ends the queue is back to about one frame.
        Assert.True(await done.Task.WaitAsync(TestAudioSocketServer.Patience) < TimeSpan.FromMilliseconds(100),
            "the backlog of the stall drained while input kept coming");
        await peer.WaitUntilAsync(received => received.Count == Frames, None).WaitAsync(TestAudioSocketServer.Patience);
        Assert.Equal(frames, peer.Received.Select(f => f.Payload));
    }

    private const int Frames = 70;

    private static async Task PacedAsync(AudioSocketPeer peer, byte[] frame)
    {
        await peer.SendAudioAsync(frame, None);
        await Task.Delay(20, None);
    }
}
