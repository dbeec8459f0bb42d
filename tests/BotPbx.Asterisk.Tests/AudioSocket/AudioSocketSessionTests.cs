using BotPbx.Asterisk.AudioSocket;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.AudioSocket;

/// <summary>The send side, the registry and the ends of a session, against a peer that behaves like Asterisk.</summary>
public sealed class AudioSocketSessionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Queued_audio_leaves_as_whole_20_ms_frames_in_order_and_the_tail_is_padded_with_silence()
    {
        var audio = Enumerable.Range(0, 50 * 320 + 10).Select(i => (byte)(i % 251)).ToArray();
        await using var server = await TestAudioSocketServer.StartAsync(async (session, token) =>
        {
            await session.SendAudioAsync(audio, token);
            await session.WaitForSentAsync(token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var peer = await AudioSocketPeer.ConnectAsync(server.EndPoint, Guid.NewGuid(), None);

        await peer.WaitUntilAsync(frames => frames.Count == 51, None).WaitAsync(TestAudioSocketServer.Patience);
        await peer.CloseAsync();

        var received = peer.Received;
        Assert.All(received, f => Assert.Equal((AudioSocketPeer.KindSlin8, 320), (f.Kind, f.Payload.Length)));
        var bytes = received.SelectMany(f => f.Payload).ToArray();
        Assert.Equal(audio, bytes[..audio.Length]);
        Assert.All(bytes[audio.Length..], b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task The_output_kind_sets_the_frame_size()
    {
        await using var server = await TestAudioSocketServer.StartAsync(async (session, token) =>
        {
            session.OutputKind = AudioSocketKind.Slin16;
            await session.SendAudioAsync(new byte[640 * 3], token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var peer = await AudioSocketPeer.ConnectAsync(server.EndPoint, Guid.NewGuid(), None);

        await peer.WaitUntilAsync(frames => frames.Count == 3, None).WaitAsync(TestAudioSocketServer.Patience);
        await peer.CloseAsync();

        Assert.All(peer.Received, f => Assert.Equal((AudioSocketPeer.KindSlin16, 640), (f.Kind, f.Payload.Length)));
    }

    [Fact]
    public async Task Clearing_the_queue_stops_the_rest_of_a_prompt_when_the_caller_barges_in()
    {
        var cleared = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestAudioSocketServer.StartAsync(async (session, token) =>
        {
            // Ten seconds of prompt; the caller's DTMF stands in for speech detected by the agent.
            await session.SendAudioAsync(new byte[500 * 320], token);
            await foreach (var frame in session.Incoming.ReadAllAsync(token))
            {
                if (frame.Digit is not null)
                {
                    cleared.SetResult(session.ClearOutgoingAudio());
                    await session.WaitForSentAsync(token);
                    await session.HangupAsync(token);
                }
            }
        });
        await using var peer = await AudioSocketPeer.ConnectAsync(server.EndPoint, Guid.NewGuid(), None);

        await peer.WaitUntilAsync(frames => frames.Count >= 3, None).WaitAsync(TestAudioSocketServer.Patience);
        await peer.SendDtmfAsync('5', None);
        await peer.Completion.WaitAsync(TestAudioSocketServer.Patience);

        var dropped = await cleared.Task;
        var audioFrames = peer.Received.Count(f => f.Kind == AudioSocketPeer.KindSlin8);
        Assert.True(peer.ReceivedHangup);
        Assert.Equal(500, audioFrames + (int)(dropped.TotalMilliseconds / 20));
    }

    [Fact]
    public async Task The_registry_finds_a_session_by_uuid_while_it_lives()
    {
        await using var server = await TestAudioSocketServer.StartAsync(handler: null);
        var id = Guid.NewGuid();
        var waiting = server.Sessions.WaitForAsync(id, None);

        Assert.False(waiting.IsCompleted);
        await using var peer = await AudioSocketPeer.ConnectAsync(server.EndPoint, id, None);
        var session = await waiting.WaitAsync(TestAudioSocketServer.Patience);
        Assert.True(server.Sessions.TryGet(id, out var same));
        Assert.Same(session, same);

        await session.SendAudioAsync(new byte[320], None);
        await peer.WaitUntilAsync(frames => frames.Count == 1, None).WaitAsync(TestAudioSocketServer.Patience);
        await peer.CloseAsync();
        await session.Completion.WaitAsync(TestAudioSocketServer.Patience);

        Assert.Equal(AudioSocketCloseReason.PeerClosed, session.CloseReason);
        await AudioSocketReplayTests.WaitUntilAsync(() => !server.Sessions.TryGet(id, out _));
        await Assert.ThrowsAsync<AudioSocketClosedException>(() => session.SendAudioAsync(new byte[320], None).AsTask());
    }

    [Fact]
    public async Task A_cancelled_wait_for_a_uuid_that_never_connects_leaves_nothing_behind()
    {
        var registry = new AudioSocketSessionRegistry();
        using var cancel = new CancellationTokenSource();

        var waiting = registry.WaitForAsync(Guid.NewGuid(), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, registry.Count);
    }

    [Fact]
    public async Task A_second_connection_with_a_live_uuid_is_refused()
    {
        await using var server = await TestAudioSocketServer.StartAsync(handler: null);
        var id = Guid.NewGuid();
        var first = server.Sessions.WaitForAsync(id, None);
        await using var original = await AudioSocketPeer.ConnectAsync(server.EndPoint, id, None);
        await first.WaitAsync(TestAudioSocketServer.Patience);

        await using var impostor = await AudioSocketPeer.ConnectAsync(server.EndPoint, id, None);
        await impostor.Completion.WaitAsync(TestAudioSocketServer.Patience);

        Assert.True(server.Logged(AudioSocketLogLevel.Warning, e => e.Session == id));
        Assert.True(server.Sessions.TryGet(id, out var live));
        Assert.False(live.Closed.IsCancellationRequested);
    }

    [Fact]
    public async Task When_the_handler_returns_the_call_is_hung_up_and_goes_back_to_the_dialplan()
    {
        await using var server = await TestAudioSocketServer.StartAsync((_, _) => Task.CompletedTask);
        await using var peer = await AudioSocketPeer.ConnectAsync(server.EndPoint, Guid.NewGuid(), None);

        await peer.Completion.WaitAsync(TestAudioSocketServer.Patience);

        Assert.True(peer.ReceivedHangup);
    }

    [Fact]
    public async Task A_handler_that_throws_is_logged_and_the_call_is_hung_up()
    {
        await using var server = await TestAudioSocketServer.StartAsync((_, _) => throw new InvalidOperationException("agent broke"));
        await using var peer = await AudioSocketPeer.ConnectAsync(server.EndPoint, Guid.NewGuid(), None);

        await peer.Completion.WaitAsync(TestAudioSocketServer.Patience);

        Assert.True(peer.ReceivedHangup);
        Assert.True(server.Logged(AudioSocketLogLevel.Error, e => e.Exception?.Message == "agent broke"));
    }

    [Fact]
    public async Task Stopping_the_server_hangs_up_every_call()
    {
        await using var server = await TestAudioSocketServer.StartAsync(handler: null);
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var found = ids.Select(id => server.Sessions.WaitForAsync(id, None)).ToList();
        var peers = new List<AudioSocketPeer>();
        foreach (var id in ids) peers.Add(await AudioSocketPeer.ConnectAsync(server.EndPoint, id, None));
        await Task.WhenAll(found).WaitAsync(TestAudioSocketServer.Patience);

        await server.Server.StopAsync(None).WaitAsync(TestAudioSocketServer.Patience);

        Assert.All(peers, p => Assert.True(p.ReceivedHangup));
        Assert.Equal(0, server.Sessions.Count);
        foreach (var peer in peers) await peer.DisposeAsync();
    }

    [Fact]
    public async Task An_error_frame_from_Asterisk_is_delivered_and_logged_and_the_call_goes_on()
    {
        var seen = new TaskCompletionSource<AudioSocketFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestAudioSocketServer.StartAsync(async (session, token) =>
        {
            await foreach (var frame in session.Incoming.ReadAllAsync(token))
            {
                if (frame.Kind == AudioSocketKind.Error) seen.SetResult(frame);
                if (frame.IsAudio) await session.SendAudioAsync(frame.Payload, token);
            }
        });
        await using var peer = await AudioSocketPeer.ConnectAsync(server.EndPoint, Guid.NewGuid(), None);

        await peer.SendFrameAsync(AudioSocketPeer.KindError, new byte[] { 0x02 }, None);
        await peer.SendAudioAsync(new byte[320], None);
        var error = await seen.Task.WaitAsync(TestAudioSocketServer.Patience);
        await peer.WaitUntilAsync(frames => frames.Count == 1, None).WaitAsync(TestAudioSocketServer.Patience);

        Assert.Equal(new byte[] { 0x02 }, error.Payload.ToArray());
        Assert.True(server.Logged(AudioSocketLogLevel.Warning, e => e.Message.Contains("02", StringComparison.Ordinal)));
    }
}
