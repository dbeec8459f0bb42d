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
        // Generous: the talker's 20 ms sends must never look idle, even when a loaded CI machine stalls it for a while.
        }, o => o.IdleTimeout = TimeSpan.FromSeconds(3));
        await using var silent = await AudioSocketPeer.ConnectAsync(server.EndPoint, silentId, None);
        var talkingId = Guid.NewGuid();
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

        // The silent session leaves the registry after its socket closed; wait for that rather than race it.
        using var patience = new CancellationTokenSource(TestAudioSocketServer.Patience);
        while (server.Sessions.TryGet(silentId, out _)) await Task.Delay(10, patience.Token);
        Assert.True(server.Sessions.TryGet(talkingId, out var stillTalking) && stillTalking.CloseReason == AudioSocketCloseReason.None, "the talking session is still open");
        Assert.True(server.Logged(AudioSocketLogLevel.Warning, e => e.Session == silentId && e.Message.Contains("No frame", StringComparison.Ordinal)));
        await talk.CancelAsync();
        await talker;
    }

    [Fact]
    public async Task An_echo_that_stalled_sends_every_frame_back_and_its_queue_drains_while_input_keeps_coming()
    {
        var queuedAtEnd = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestAudioSocketServer.StartAsync(async (session, token) =>
        {
            var echoed = 0;
            var least = TimeSpan.MaxValue;
            await foreach (var frame in session.Incoming.ReadAllAsync(token))
            {
                if (!frame.IsAudio) continue;
                // A stall of the echo (a GC pause, a busy core): 300 ms in which input piles up unread.
                if (echoed == 10) await Task.Delay(300, token);
                await session.SendAudioAsync(frame.Payload, token);
                // The least queued in the second half, not at one instant: a loaded machine may delay the pacer for a
                // moment, but a backlog that never drains (the bug) never gets near one frame.
                if (++echoed > Frames / 2 && session.QueuedAudio < least) least = session.QueuedAudio;
                if (echoed == Frames) queuedAtEnd.TrySetResult(least);
            }
        });
        await using var peer = await AudioSocketPeer.ConnectAsync(server.EndPoint, Guid.NewGuid(), None);

        // Input paced like Asterisk's, for 1.4 s: long after the stall, so the backlog has had time to drain.
        var frames = Enumerable.Range(0, Frames).Select(i => Enumerable.Repeat((byte)i, 320).ToArray()).ToArray();
        foreach (var frame in frames) await PacedAsync(peer, frame);

        // The 15 frames of the stall were queued at once; by the last frame the queue is back to about one frame.
        Assert.True(await queuedAtEnd.Task.WaitAsync(TestAudioSocketServer.Patience) < TimeSpan.FromMilliseconds(100),
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
