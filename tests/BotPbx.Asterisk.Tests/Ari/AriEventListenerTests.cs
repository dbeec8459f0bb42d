using System.Text.Json;
using BotPbx.Asterisk.Ari;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ari;

/// <summary>The event socket over a real websocket: the recorded call replayed byte for byte, reconnects,
/// re-subscription, keep-alive and stopping.</summary>
public sealed class AriEventListenerTests : IAsyncLifetime
{
    private static readonly FakeAriFixture Call = AriTestKit.Fixture("ari-stasis-call-websocket");
    private readonly FakeAriServer server = FakeAriServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await server.DisposeAsync();

    private static FakeAriWebSocketSession Replay(IEnumerable<byte[]> writes, bool oneByteAtATime = false) =>
        FakeAriWebSocketSession.Accept(async (peer, ct) =>
        {
            foreach (var write in writes)
                await peer.SendAsync(write, ct, oneByteAtATime);
            await peer.ClientClosed.WaitAsync(ct);
        });

    private static string TypeOf(string json) => JsonDocument.Parse(json).RootElement.GetProperty("type").GetString()!;

    private static string Varset(int n) =>
        $$"""{"variable":"SEQ","value":"{{n}}","type":"ChannelVarset","timestamp":"2026-11-21T05:45:53.810+0000","application":"test"}""";

    [Fact]
    public async Task The_recorded_call_arrives_typed_and_in_order_with_several_frames_per_read()
    {
        var payloads = Call.EventPayloads();
        Assert.True(Call.EventReads().Count < payloads.Count, "the capture has reads holding several frames");
        server.EnqueueWebSocket(Replay(Call.EventReads()));
        await using var ari = new AriClient(AriTestKit.Options(server));
        var ct = AriTestKit.Guard();

        ari.Events.Start();
        var events = await AriTestKit.ReadAsync(ari.Events, payloads.Count, ct);

        Assert.Equal(payloads.Select(TypeOf), events.Select(e => e.Type));
        var start = Assert.IsType<StasisStartEvent>(events[0]);
        Assert.Equal(["arg1", "arg two"], start.Args);
        Assert.IsType<ChannelStateChangeEvent>(events[1]);
        Assert.IsType<StasisEndEvent>(events[^1]);
        var upgrade = server.Requests.Single(r => r.IsWebSocketUpgrade);
        Assert.Equal("/ari/events", upgrade.Path);
        Assert.Equal("test", upgrade.QueryValue("app"));
        Assert.Equal("false", upgrade.QueryValue("subscribeAll"));
        Assert.Equal(AriTestKit.RecordedAuthorization, upgrade.Authorization);
        Assert.Equal(AriConnectionState.Connected, ari.Events.State);
    }

    [Fact]
    public async Task The_recorded_call_written_one_byte_at_a_time_gives_the_same_events()
    {
        var payloads = Call.EventPayloads();
        server.EnqueueWebSocket(Replay([Call.EventReads().SelectMany(r => r).ToArray()], oneByteAtATime: true));
        await using var ari = new AriClient(AriTestKit.Options(server));

        ari.Events.Start();
        var events = await AriTestKit.ReadAsync(ari.Events, payloads.Count, AriTestKit.Guard());

        Assert.Equal(payloads.Select(TypeOf), events.Select(e => e.Type));
        Assert.Equal(payloads.Where(p => TypeOf(p) == "ChannelConnectedLine"), events.OfType<AriUnknownEvent>().Select(e => e.RawJson));
    }

    [Fact]
    public async Task An_unknown_event_is_delivered_with_its_raw_json()
    {
        const string Json = """{"type":"BridgeAttendedTransfer","application":"test","result":"Success"}""";
        server.EnqueueWebSocket(Replay([FakeAriFrames.TextFrame(Json)]));
        await using var ari = new AriClient(AriTestKit.Options(server));

        ari.Events.Start();
        var unknown = Assert.IsType<AriUnknownEvent>(await ari.Events.Reader.ReadAsync(AriTestKit.Guard()));

        Assert.Equal(Json, unknown.RawJson);
    }

    [Fact]
    public async Task When_asterisk_closes_the_socket_the_client_answers_reconnects_and_subscribes_again()
    {
        const string App = """{"name":"test","channel_ids":[],"bridge_ids":[],"endpoint_ids":["PJSIP/1001"],"device_names":[],"events_allowed":[],"events_disallowed":[]}""";
        server.Respond("POST", "/ari/applications/test/subscription?eventSource=endpoint:PJSIP/1001", FakeAriResponses.Json(200, "OK", App));
        server.EnqueueWebSocket(FakeAriWebSocketSession.Accept(async (peer, ct) =>
        {
            await peer.SendTextAsync(Varset(1), ct);
            await peer.SendCloseAsync(1000, ct);
            await peer.WaitForFrameAsync(FakeAriFrames.Close, ct);
        }));
        server.EnqueueWebSocket(Replay([FakeAriFrames.TextFrame(Varset(2))]));
        await using var ari = new AriClient(AriTestKit.Options(server));
        var states = new AriStateRecorder(ari.Events);
        var ct = AriTestKit.Guard();
        await ari.SubscribeAsync("endpoint:PJSIP/1001", ct);

        ari.Events.Start();
        var events = await AriTestKit.ReadAsync(ari.Events, 2, ct);
        var requests = (await server.WaitForRequestsAsync(SubscribedAfterSecondUpgrade, ct))
            .Where(r => r.Path.EndsWith("/subscription", StringComparison.Ordinal)).ToList();

        Assert.Equal(["1", "2"], events.Cast<ChannelVarsetEvent>().Select(e => e.Value));
        var lost = states.Seen.First(s => s.Current == AriConnectionState.WaitingToReconnect);
        Assert.IsType<AriTransportException>(lost.Error);
        Assert.Equal(2, ari.Events.ConnectionCount);
        Assert.Equal(2, server.Requests.Count(r => r.IsWebSocketUpgrade));
        Assert.Equal((ushort)1000, server.Peers[0].ReceivedFrames.Single(f => f.Opcode == FakeAriFrames.Close).CloseCode);
        Assert.Equal("endpoint:PJSIP/1001", requests[^1].QueryValue("eventSource"));
        Assert.Equal("POST", requests[^1].Method);
    }

    private static bool SubscribedAfterSecondUpgrade(IReadOnlyList<FakeAriRequest> requests)
    {
        var upgrades = requests.Select((r, i) => (r, i)).Where(x => x.r.IsWebSocketUpgrade).Select(x => x.i).ToList();
        return upgrades.Count >= 2 && requests.Skip(upgrades[1]).Any(r => r.Path.EndsWith("/subscription", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_source_unsubscribed_before_connecting_is_not_subscribed_again()
    {
        const string App = """{"name":"test","channel_ids":[],"bridge_ids":[],"endpoint_ids":[],"device_names":[],"events_allowed":[],"events_disallowed":[]}""";
        server.Respond("POST", "/ari/applications/test/subscription?eventSource=bridge:b1", FakeAriResponses.Json(200, "OK", App));
        server.Respond("DELETE", "/ari/applications/test/subscription?eventSource=bridge:b1", FakeAriResponses.Json(200, "OK", App));
        server.EnqueueWebSocket(Replay([FakeAriFrames.TextFrame(Varset(1))]));
        await using var ari = new AriClient(AriTestKit.Options(server));
        var ct = AriTestKit.Guard();
        await ari.SubscribeAsync("bridge:b1", ct);
        await ari.UnsubscribeAsync("bridge:b1", ct);

        ari.Events.Start();
        await ari.Events.Reader.ReadAsync(ct); // read after the connection's re-subscription step

        Assert.Equal(["POST", "DELETE"], server.Requests.Where(r => !r.IsWebSocketUpgrade).Select(r => r.Method));
    }

    [Fact]
    public async Task A_dropped_tcp_connection_is_reconnected()
    {
        server.EnqueueWebSocket(FakeAriWebSocketSession.Accept((peer, ct) => peer.SendTextAsync(Varset(1), ct)));
        server.EnqueueWebSocket(Replay([FakeAriFrames.TextFrame(Varset(2))]));
        await using var ari = new AriClient(AriTestKit.Options(server));

        ari.Events.Start();
        var events = await AriTestKit.ReadAsync(ari.Events, 2, AriTestKit.Guard());

        Assert.Equal(["1", "2"], events.Cast<ChannelVarsetEvent>().Select(e => e.Value));
        Assert.IsType<AriTransportException>(ari.Events.LastError);
    }

    [Fact]
    public async Task The_client_pings_and_asterisks_pong_keeps_the_connection()
    {
        server.EnqueueWebSocket(FakeAriWebSocketSession.Accept(async (peer, ct) =>
        {
            await peer.WaitForFrameAsync(FakeAriFrames.Ping, ct);
            await peer.SendTextAsync(Varset(1), ct);
            await peer.ClientClosed.WaitAsync(ct);
        }));
        var options = AriTestKit.Options(server);
        options.KeepAliveInterval = TimeSpan.FromMilliseconds(50);
        options.KeepAliveTimeout = TimeSpan.FromSeconds(20);
        await using var ari = new AriClient(options);

        ari.Events.Start();
        var after = await ari.Events.Reader.ReadAsync(AriTestKit.Guard());

        Assert.Equal("1", Assert.IsType<ChannelVarsetEvent>(after).Value);
        Assert.Equal(1, ari.Events.ConnectionCount);
        var peer = server.Peers[0];
        Assert.Contains(peer.ReceivedFrames, f => f.Opcode == FakeAriFrames.Ping && f.Masked);
    }

    [Fact]
    public async Task A_ping_from_asterisk_is_answered_with_a_pong_carrying_the_same_payload()
    {
        server.EnqueueWebSocket(FakeAriWebSocketSession.Accept(async (peer, ct) =>
        {
            await peer.SendAsync(FakeAriFrames.Frame(FakeAriFrames.Ping, "fixture-ping"u8), ct);
            await peer.ClientClosed.WaitAsync(ct);
        }));
        var options = AriTestKit.Options(server);
        options.KeepAliveInterval = TimeSpan.Zero;
        await using var ari = new AriClient(options);

        ari.Events.Start();
        var peer = await server.WaitForPeerAsync(0, AriTestKit.Guard());
        var pong = await peer.WaitForFrameAsync(FakeAriFrames.Pong, AriTestKit.Guard());

        Assert.Equal("fixture-ping", pong.Text);
    }

    [Fact]
    public async Task A_peer_that_stops_answering_pings_is_dropped_and_reconnected()
    {
        server.EnqueueWebSocket(FakeAriWebSocketSession.HoldOpen(answerPings: false));
        server.EnqueueWebSocket(Replay([FakeAriFrames.TextFrame(Varset(1))]));
        var options = AriTestKit.Options(server);
        options.KeepAliveInterval = TimeSpan.FromMilliseconds(50);
        options.KeepAliveTimeout = TimeSpan.FromMilliseconds(200);
        await using var ari = new AriClient(options);

        ari.Events.Start();
        var first = await ari.Events.Reader.ReadAsync(AriTestKit.Guard());

        Assert.IsType<ChannelVarsetEvent>(first);
        Assert.Equal(2, ari.Events.ConnectionCount);
        Assert.IsType<AriTransportException>(ari.Events.LastError);
    }

    [Fact]
    public async Task Stopping_closes_with_1000_and_completes_the_reader()
    {
        await using var ari = new AriClient(AriTestKit.Options(server));
        var states = new AriStateRecorder(ari.Events);
        var ct = AriTestKit.Guard();
        ari.Events.Start();
        await states.WaitForAsync(AriConnectionState.Connected, ct);
        var peer = await server.WaitForPeerAsync(0, ct);

        await ari.Events.StopAsync(ct);

        var close = await peer.WaitForFrameAsync(FakeAriFrames.Close, ct);
        Assert.Equal((ushort)1000, close.CloseCode);
        Assert.Equal(AriConnectionState.Stopped, ari.Events.State);
        await ari.Events.Reader.Completion.WaitAsync(ct);
        Assert.Equal(1, ari.Events.ConnectionCount);
    }

    [Fact]
    public async Task A_slow_consumer_loses_nothing_and_keeps_the_order_with_a_tiny_buffer()
    {
        const int Count = 200;
        server.EnqueueWebSocket(Replay(Enumerable.Range(1, Count).Select(n => FakeAriFrames.TextFrame(Varset(n)))));
        var options = AriTestKit.Options(server);
        options.EventBufferCapacity = 2;
        await using var ari = new AriClient(options);

        ari.Events.Start();
        var received = new List<string>();
        while (received.Count < Count)
        {
            var next = await ari.Events.Reader.ReadAsync(AriTestKit.Guard());
            received.Add(((ChannelVarsetEvent)next).Value);
            await Task.Yield();
        }

        Assert.Equal(Enumerable.Range(1, Count).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), received);
        Assert.Equal(1, ari.Events.ConnectionCount);
    }

    [Fact]
    public async Task The_application_name_is_escaped_and_subscribe_all_is_sent()
    {
        var options = AriTestKit.Options(server, application: "bot pbx&subscribeAll=true");
        options.SubscribeAll = true;
        await using var ari = new AriClient(options);
        var states = new AriStateRecorder(ari.Events);

        ari.Events.Start();
        await states.WaitForAsync(AriConnectionState.Connected, AriTestKit.Guard());

        var upgrade = server.Requests.Single(r => r.IsWebSocketUpgrade);
        Assert.Equal("/ari/events?app=bot%20pbx%26subscribeAll%3Dtrue&subscribeAll=true", upgrade.Target);
        Assert.Equal("bot pbx&subscribeAll=true", upgrade.QueryValue("app"));
    }

    [Fact]
    public async Task Stopping_while_disposing_and_stopping_after_disposal_are_both_harmless()
    {
        await using var ari = new AriClient(AriTestKit.Options(server));
        var ct = AriTestKit.Guard();
        ari.Events.Start();
        await server.WaitForPeerAsync(0, ct);

        // A host tearing down may stop a hosted service while its container disposes the same client.
        await Task.WhenAll(ari.Events.StopAsync(ct), ari.Events.DisposeAsync().AsTask(), ari.Events.StopAsync(ct));
        await ari.Events.StopAsync(ct);

        Assert.Equal(AriConnectionState.Stopped, ari.Events.State);
    }
}
