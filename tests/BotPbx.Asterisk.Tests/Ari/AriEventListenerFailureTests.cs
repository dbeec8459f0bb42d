using System.Net;
using System.Net.WebSockets;
using BotPbx.Asterisk.Ari;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ari;

/// <summary>Bad input and refused upgrades: the connection concerned is closed (with a code that says why) and the
/// client reconnects with back-off; the error is observable.</summary>
public sealed class AriEventListenerFailureTests : IAsyncLifetime
{
    private const string Event = """{"type":"StasisEnd","application":"test","channel":{"id":"c1","name":"PJSIP/1001-1","state":"Up"}}""";
    private readonly FakeAriServer server = FakeAriServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await server.DisposeAsync();

    /// <summary>Session 1 sends <paramref name="bad"/>; session 2 sends a good event, which proves the reconnect.</summary>
    private async Task<(AriClient Ari, FakeAriWebSocketPeer First)> ConnectThroughBadInputAsync(byte[] bad, AriOptions? options = null)
    {
        server.EnqueueWebSocket(FakeAriWebSocketSession.Accept(async (peer, ct) =>
        {
            await peer.SendAsync(bad, ct);
            await peer.ClientClosed.WaitAsync(ct);
        }));
        server.EnqueueWebSocket(FakeAriWebSocketSession.Accept(async (peer, ct) =>
        {
            await peer.SendTextAsync(Event, ct);
            await peer.ClientClosed.WaitAsync(ct);
        }));
        var ari = new AriClient(options ?? AriTestKit.Options(server));
        ari.Events.Start();
        var good = await ari.Events.Reader.ReadAsync(AriTestKit.Guard());
        Assert.IsType<StasisEndEvent>(good);
        Assert.Equal(2, ari.Events.ConnectionCount);
        return (ari, server.Peers[0]);
    }

    [Theory]
    [InlineData(new byte[] { 0x83, 0x00 })]                   // reserved opcode 3
    [InlineData(new byte[] { 0xC1, 0x01, 0x7B })]             // RSV1 set without a negotiated extension
    [InlineData(new byte[] { 0x09, 0x00 })]                   // a fragmented control frame
    [InlineData(new byte[] { 0x81, 0x82, 1, 2, 3, 4, 0, 0 })] // a masked frame from the server
    public async Task A_malformed_frame_drops_that_connection_and_reconnects(byte[] frame)
    {
        var (ari, _) = await ConnectThroughBadInputAsync(frame);
        await using var _ = ari;

        var error = Assert.IsType<AriTransportException>(ari.Events.LastError);
        Assert.IsType<WebSocketException>(error.InnerException);
    }

    [Fact]
    public async Task An_oversized_message_is_closed_with_1009_and_reconnected()
    {
        var options = AriTestKit.Options(server);
        options.MaxEventBytes = 1024;
        var huge = "{\"type\":\"ChannelVarset\",\"variable\":\"X\",\"value\":\"" + new string('x', 2000) + "\"}";

        var (ari, first) = await ConnectThroughBadInputAsync(FakeAriFrames.TextFrame(huge), options);
        await using var _ = ari;

        Assert.IsType<AriProtocolException>(ari.Events.LastError);
        var close = await first.WaitForFrameAsync(FakeAriFrames.Close, AriTestKit.Guard());
        Assert.Equal((ushort)WebSocketCloseStatus.MessageTooBig, close.CloseCode);
    }

    [Fact]
    public async Task An_oversized_message_split_in_fragments_is_caught_too()
    {
        var options = AriTestKit.Options(server);
        options.MaxEventBytes = 1024;
        var part = new byte[800];
        byte[] fragments = [.. FakeAriFrames.Frame(FakeAriFrames.Text, part, fin: false), .. FakeAriFrames.Frame(FakeAriFrames.Continuation, part)];

        var (ari, first) = await ConnectThroughBadInputAsync(fragments, options);
        await using var _ = ari;

        var close = await first.WaitForFrameAsync(FakeAriFrames.Close, AriTestKit.Guard());
        Assert.Equal((ushort)WebSocketCloseStatus.MessageTooBig, close.CloseCode);
    }

    [Fact]
    public async Task A_binary_frame_is_closed_with_1003()
    {
        var (ari, first) = await ConnectThroughBadInputAsync(FakeAriFrames.Frame(FakeAriFrames.Binary, [1, 2, 3]));
        await using var _ = ari;

        var close = await first.WaitForFrameAsync(FakeAriFrames.Close, AriTestKit.Guard());
        Assert.Equal((ushort)WebSocketCloseStatus.InvalidMessageType, close.CloseCode);
        Assert.IsType<AriProtocolException>(ari.Events.LastError);
    }

    [Fact]
    public async Task Text_that_is_not_an_event_is_closed_with_1007()
    {
        var (ari, first) = await ConnectThroughBadInputAsync(FakeAriFrames.TextFrame("{\"no\":\"type\"}"));
        await using var _ = ari;

        var close = await first.WaitForFrameAsync(FakeAriFrames.Close, AriTestKit.Guard());
        Assert.Equal((ushort)WebSocketCloseStatus.InvalidPayloadData, close.CloseCode);
    }

    [Fact]
    public async Task A_fragmented_event_within_the_limit_is_reassembled()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Event);
        server.EnqueueWebSocket(FakeAriWebSocketSession.Accept(async (peer, ct) =>
        {
            await peer.SendAsync([.. FakeAriFrames.Frame(FakeAriFrames.Text, bytes.AsSpan(0, 10), fin: false),
                .. FakeAriFrames.Frame(FakeAriFrames.Continuation, bytes.AsSpan(10))], ct);
            await peer.ClientClosed.WaitAsync(ct);
        }));
        await using var ari = new AriClient(AriTestKit.Options(server));

        ari.Events.Start();

        Assert.IsType<StasisEndEvent>(await ari.Events.Reader.ReadAsync(AriTestKit.Guard()));
    }

    [Fact]
    public async Task A_401_on_the_upgrade_is_reported_and_retried()
    {
        var refused = AriTestKit.Fixture("ari-ws-upgrade-bad-credentials").AllFromAsterisk();
        server.EnqueueWebSocket(FakeAriWebSocketSession.Reject(refused));
        await using var ari = new AriClient(AriTestKit.Options(server));
        var states = new AriStateRecorder(ari.Events);
        var ct = AriTestKit.Guard();

        ari.Events.Start();
        var failed = await states.WaitForAsync(AriConnectionState.WaitingToReconnect, ct);
        await states.WaitForAsync(AriConnectionState.Connected, ct);

        var error = Assert.IsType<AriException>(failed.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.True(error.IsUnauthorized);
        Assert.Same(error, ari.Events.LastError);
    }

    [Fact]
    public async Task The_two_400s_of_an_upgrade_asterisk_rejects_are_one_failed_attempt()
    {
        server.EnqueueWebSocket(FakeAriWebSocketSession.Reject(AriTestKit.Fixture("ari-ws-upgrade-missing-app").AllFromAsterisk()));
        await using var ari = new AriClient(AriTestKit.Options(server));
        var states = new AriStateRecorder(ari.Events);
        var ct = AriTestKit.Guard();

        ari.Events.Start();
        var failed = await states.WaitForAsync(AriConnectionState.WaitingToReconnect, ct);
        await states.WaitForAsync(AriConnectionState.Connected, ct);

        Assert.Equal(HttpStatusCode.BadRequest, Assert.IsType<AriException>(failed.Error).StatusCode);
        Assert.Equal(1, ari.Events.ConnectionCount);
    }

    [Fact]
    public async Task Nothing_listening_is_retried_until_stopped()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var options = AriTestKit.Options(server);
        options.BaseUrl = new Uri($"http://127.0.0.1:{port}/ari");
        await using var ari = new AriClient(options);
        var states = new AriStateRecorder(ari.Events);
        var ct = AriTestKit.Guard();

        ari.Events.Start();
        await states.WaitForAsync(AriConnectionState.WaitingToReconnect, ct);
        await states.WaitForAsync(AriConnectionState.Connecting, ct);
        await states.WaitForAsync(AriConnectionState.WaitingToReconnect, ct);
        await ari.Events.StopAsync(ct);

        Assert.IsType<AriTransportException>(ari.Events.LastError);
        Assert.Equal(AriConnectionState.Stopped, ari.Events.State);
        Assert.Equal(0, ari.Events.ConnectionCount);
    }
}
