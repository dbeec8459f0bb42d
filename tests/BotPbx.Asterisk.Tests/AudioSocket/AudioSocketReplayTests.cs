using BotPbx.Asterisk.AudioSocket;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.AudioSocket;

/// <summary>The recorded Asterisk 22 AudioSocket calls replayed over loopback, chunk by chunk as they arrived.</summary>
public sealed class AudioSocketReplayTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_caller_speaking_pressing_1_and_hanging_up_is_heard_echoed_and_ended_by_eof()
    {
        var chunks = FixtureRecording.Load("Fixtures/audiosocket-609-caller-speech-dtmf-hangup.jsonl");
        var heard = new List<AudioSocketFrame>();
        var ended = new TaskCompletionSource<AudioSocketCloseReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestAudioSocketServer.StartAsync(async (session, token) =>
        {
            // Like the recorder: echo received audio frames #20..#44 back.
            await foreach (var frame in session.Incoming.ReadAllAsync(CancellationToken.None))
            {
                heard.Add(frame);
                var audioIndex = heard.Count(f => f.IsAudio) - 1;
                if (frame.IsAudio && audioIndex is >= 20 and <= 44) await session.SendAudioAsync(frame.Payload, token);
            }
            ended.SetResult(session.CloseReason);
        });
        var id = Guid.Parse("0f15bc33-861e-406e-bd29-8759bbe3066f");
        var found = server.Sessions.WaitForAsync(id, None);
        await using var peer = await AudioSocketPeer.ConnectRawAsync(server.EndPoint, None);

        foreach (var chunk in chunks.Where(c => c.FromAsterisk && !c.Eof)) await peer.SendRawAsync(chunk.Bytes, None);
        var session = await found.WaitAsync(TestAudioSocketServer.Patience);
        await peer.WaitUntilAsync(frames => frames.Count == 25, None).WaitAsync(TestAudioSocketServer.Patience);
        await peer.CloseAsync();

        Assert.Equal(AudioSocketCloseReason.PeerClosed, await ended.Task.WaitAsync(TestAudioSocketServer.Patience));
        Assert.Equal(125, heard.Count(f => f.Kind == AudioSocketKind.Slin8 && f.Payload.Length == 320));
        Assert.Equal('1', heard.Single(f => f.Kind == AudioSocketKind.Dtmf).Digit);
        // After 80 audio frames, as recorded (the UUID frame is not part of Incoming).
        Assert.Equal(80, heard.FindIndex(f => f.Kind == AudioSocketKind.Dtmf));
        var echoedPayloads = heard.Where(f => f.IsAudio).Skip(20).Take(25).Select(f => f.Payload.ToArray());
        Assert.Equal(echoedPayloads, peer.Received.Select(f => f.Payload));
        Assert.All(peer.Received, f => Assert.Equal(AudioSocketPeer.KindSlin8, f.Kind));
        Assert.Equal(AudioSocketKind.Slin8, session.InputKind);
        Assert.Equal(25, session.FramesSent);
        await WaitUntilAsync(() => !server.Sessions.TryGet(id, out _));
    }

    [Fact]
    public async Task The_server_hangs_up_after_25_frames_and_Asterisk_closes_at_once()
    {
        var chunks = FixtureRecording.Load("Fixtures/audiosocket-609-server-sends-hangup.jsonl");
        var outcome = new TaskCompletionSource<(int Frames, AudioSocketCloseReason Reason)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestAudioSocketServer.StartAsync(async (session, token) =>
        {
            var frames = 0;
            await foreach (var frame in session.Incoming.ReadAllAsync(token))
            {
                if (frame.IsAudio && ++frames == 25) break;
            }
            await session.HangupAsync(token);
            outcome.SetResult((frames, session.CloseReason));
        });
        await using var peer = await AudioSocketPeer.ConnectRawAsync(server.EndPoint, None);

        foreach (var chunk in chunks.Where(c => c.FromAsterisk && !c.Eof)) await peer.SendRawAsync(chunk.Bytes, None);
        await peer.Completion.WaitAsync(TestAudioSocketServer.Patience);

        Assert.Equal((25, AudioSocketCloseReason.ServerHangup), await outcome.Task.WaitAsync(TestAudioSocketServer.Patience));
        Assert.Equal([new AudioSocketPeerFrame(AudioSocketPeer.KindHangup, [])], peer.Received.Select(f => f with { Payload = [] }));
        Assert.True(peer.ReceivedHangup);
    }

    [Fact]
    public async Task External_media_in_slin16_arrives_in_a_burst_and_every_frame_is_kept()
    {
        var chunks = FixtureRecording.Load("Fixtures/audiosocket-ari-externalmedia-slin16.jsonl");
        var kinds = new List<AudioSocketKind>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestAudioSocketServer.StartAsync(async (session, _) =>
        {
            await foreach (var frame in session.Incoming.ReadAllAsync(CancellationToken.None)) kinds.Add(frame.Kind);
            done.SetResult();
        });
        var id = Guid.Parse("5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b");
        var found = server.Sessions.WaitForAsync(id, None);
        await using var peer = await AudioSocketPeer.ConnectRawAsync(server.EndPoint, None);

        // The whole capture in one write: a harder burst than the recorded one.
        await peer.SendRawAsync(FixtureRecording.FromAsterisk(chunks), None);
        var session = await found.WaitAsync(TestAudioSocketServer.Patience);
        await WaitUntilAsync(() => session.FramesReceived == 50);
        await peer.CloseAsync();
        await done.Task.WaitAsync(TestAudioSocketServer.Patience);

        Assert.Equal(Enumerable.Repeat(AudioSocketKind.Slin16, 50), kinds);
        Assert.Equal(AudioSocketKind.Slin16, session.InputKind);
        Assert.Equal(0, session.IncomingDropped);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var patience = new CancellationTokenSource(TestAudioSocketServer.Patience);
        while (!condition()) await Task.Delay(5, patience.Token);
    }
}
