using BotPbx.Asterisk.AudioSocket;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.AudioSocket;

/// <summary>A peer that breaks the protocol loses its own connection; an echo call running alongside never notices.</summary>
public sealed class AudioSocketIsolationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static TheoryData<string, byte[]> BrokenStreams => new()
    {
        { "unknown kind after the uuid", [0x02, 0x00, 0x01, 0x41] },
        { "a frame over the size limit", [0x10, 0xff, 0xf0] },
        { "odd-sized audio", [0x10, 0x00, 0x03, 1, 2, 3] },
        { "a second uuid", [0x01, 0x00, 0x10, .. new byte[16]] },
    };

    [Theory]
    [MemberData(nameof(BrokenStreams))]
    public async Task A_protocol_error_closes_only_that_connection(string what, byte[] garbage)
    {
        _ = what;
        await using var server = await StartEchoServerAsync();
        await using var healthy = await AudioSocketPeer.ConnectAsync(server.EndPoint, Guid.NewGuid(), None);
        await EchoAsync(healthy, 3);
        var badId = Guid.NewGuid();
        await using var bad = await AudioSocketPeer.ConnectAsync(server.EndPoint, badId, None);

        await bad.SendAudioAsync(new byte[320], None);
        await bad.SendRawAsync(garbage, None);
        await bad.Completion.WaitAsync(TestAudioSocketServer.Patience);

        await EchoAsync(healthy, 6);
        Assert.True(server.Logged(AudioSocketLogLevel.Warning, e => e.Session == badId && e.Exception is AudioSocketProtocolException));
        Assert.False(bad.ReceivedHangup);
    }

    [Theory]
    [InlineData(new byte[] { 0x10, 0x01, 0x40 })]
    [InlineData(new byte[] { 0x03, 0x00, 0x01, 0x31 })]
    [InlineData(new byte[] { 0x47, 0x45, 0x54, 0x20, 0x2f })]
    public async Task A_connection_that_does_not_start_with_a_uuid_is_closed(byte[] first)
    {
        await using var server = await StartEchoServerAsync();
        await using var healthy = await AudioSocketPeer.ConnectAsync(server.EndPoint, Guid.NewGuid(), None);
        await using var bad = await AudioSocketPeer.ConnectRawAsync(server.EndPoint, None);

        await bad.SendRawAsync(first, None);
        await bad.SendRawAsync(new byte[320], None);
        await bad.Completion.WaitAsync(TestAudioSocketServer.Patience);

        await EchoAsync(healthy, 2);
        Assert.Equal(1, server.Sessions.Count);
    }

    [Fact]
    public async Task A_connection_that_never_sends_its_uuid_is_closed_after_the_timeout()
    {
        await using var server = await StartEchoServerAsync(o => o.UuidTimeout = TimeSpan.FromMilliseconds(200));
        await using var silent = await AudioSocketPeer.ConnectRawAsync(server.EndPoint, None);

        await silent.SendRawAsync(new byte[] { 0x01, 0x00 }, None);
        await silent.Completion.WaitAsync(TestAudioSocketServer.Patience);

        Assert.True(server.Logged(AudioSocketLogLevel.Warning, e => e.Message.Contains("UUID", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_caller_gone_in_the_middle_of_a_frame_ends_only_that_session()
    {
        await using var server = await StartEchoServerAsync();
        await using var healthy = await AudioSocketPeer.ConnectAsync(server.EndPoint, Guid.NewGuid(), None);
        var goneId = Guid.NewGuid();
        var found = server.Sessions.WaitForAsync(goneId, None);
        await using var gone = await AudioSocketPeer.ConnectAsync(server.EndPoint, goneId, None);
        var session = await found.WaitAsync(TestAudioSocketServer.Patience);

        await gone.SendRawAsync(new byte[] { 0x10, 0x01, 0x40, 0x00, 0x00, 0x00 }, None);
        await gone.CloseAsync();
        await session.Completion.WaitAsync(TestAudioSocketServer.Patience);

        await EchoAsync(healthy, 3);
        Assert.Equal(AudioSocketCloseReason.PeerClosed, session.CloseReason);
    }

    [Fact]
    public async Task A_call_above_the_session_limit_is_refused_at_once()
    {
        await using var server = await StartEchoServerAsync(o => o.MaxConcurrentSessions = 1);
        await using var first = await AudioSocketPeer.ConnectAsync(server.EndPoint, Guid.NewGuid(), None);
        await EchoAsync(first, 1);

        await using var second = await AudioSocketPeer.ConnectRawAsync(server.EndPoint, None);
        await second.Completion.WaitAsync(TestAudioSocketServer.Patience);

        await EchoAsync(first, 2);
        Assert.True(server.Logged(AudioSocketLogLevel.Warning, e => e.Message.Contains("refusing", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Fifty_concurrent_calls_each_hear_only_their_own_echo()
    {
        await using var server = await StartEchoServerAsync();
        var peers = new List<AudioSocketPeer>();
        try
        {
            for (var i = 0; i < 50; i++) peers.Add(await AudioSocketPeer.ConnectAsync(server.EndPoint, Guid.NewGuid(), None));
            await Task.WhenAll(peers.Select((peer, i) => EchoAsync(peer, 10, marker: (byte)(i + 1))));
        }
        finally
        {
            foreach (var peer in peers) await peer.DisposeAsync();
        }
    }

    /// <summary>Sends <paramref name="frames"/> frames filled with <paramref name="marker"/> and waits for them all to come back.</summary>
    private static async Task EchoAsync(AudioSocketPeer peer, int frames, byte marker = 7)
    {
        var before = peer.Received.Count;
        for (var i = 0; i < frames; i++) await peer.SendAudioAsync(Enumerable.Repeat(marker, 320).ToArray(), None);
        await peer.WaitUntilAsync(received => received.Count >= before + frames, None).WaitAsync(TestAudioSocketServer.Patience);
        Assert.All(peer.Received.Skip(before), f => Assert.All(f.Payload, b => Assert.Equal(marker, b)));
    }

    private static Task<TestAudioSocketServer> StartEchoServerAsync(Action<AudioSocketOptions>? configure = null) =>
        TestAudioSocketServer.StartAsync(async (session, token) =>
        {
            await foreach (var frame in session.Incoming.ReadAllAsync(token))
            {
                if (frame.IsAudio) await session.SendAudioAsync(frame.Payload, token);
            }
        }, configure);
}
