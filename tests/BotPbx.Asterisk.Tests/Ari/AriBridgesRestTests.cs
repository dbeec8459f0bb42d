using BotPbx.Asterisk.Ari;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ari;

/// <summary>/bridges against ari-stasis-call-rest and ari-externalmedia-audiosocket-slin16-rest.</summary>
public sealed class AriBridgesRestTests : IAsyncLifetime
{
    private readonly FakeAriServer server = FakeAriServer.Start();
    private AriClient ari = null!;

    public Task InitializeAsync()
    {
        server.RespondFromFixture(AriTestKit.Fixture("ari-stasis-call-rest"));
        server.RespondFromFixture(AriTestKit.Fixture("ari-externalmedia-audiosocket-slin16-rest"));
        ari = new AriClient(AriTestKit.Options(server));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await ari.DisposeAsync();
        await server.DisposeAsync();
    }

    private FakeAriRequest LastRequest => server.Requests[^1];

    [Fact]
    public async Task Create_sends_type_and_id_in_the_query_and_parses_the_bridge()
    {
        var bridge = await ari.Bridges.CreateAsync(AriTestKit.Guard(), "mixing", "fixture-bridge-16k");

        Assert.Equal("POST /ari/bridges?type=mixing&bridgeId=fixture-bridge-16k", LastRequest.ToString());
        Assert.Equal("fixture-bridge-16k", bridge.Id);
        Assert.Equal("mixing", bridge.BridgeType);
        Assert.Equal("simple_bridge", bridge.Technology);
        Assert.Equal("stasis", bridge.BridgeClass);
        Assert.Equal("Stasis", bridge.Creator);
        Assert.Empty(bridge.Channels);
        Assert.Equal("talker", bridge.VideoMode);
    }

    [Fact]
    public async Task Get_lists_the_channels_in_the_bridge()
    {
        var bridge = await ari.Bridges.GetAsync("fixture-bridge-1", AriTestKit.Guard());

        Assert.Equal(["1795239951.51", "fixture-extmedia-as"], bridge.Channels);
        Assert.Equal("fixture-bridge", bridge.Name);
    }

    [Fact]
    public async Task List_parses_every_bridge()
    {
        server.Respond("GET", "/ari/bridges", FakeAriResponses.Json(200, "OK",
            """[{"id":"b1","technology":"simple_bridge","bridge_type":"mixing","bridge_class":"stasis","creator":"Stasis","name":"","channels":["c1"],"creationtime":"2026-11-21T05:46:48.721+0000","video_mode":"talker"},{"id":"b2","technology":"holding_bridge","bridge_type":"holding","bridge_class":"stasis","creator":"Stasis","name":"hold","channels":[],"creationtime":"2026-11-21T05:46:49.000-0500"}]"""));

        var bridges = await ari.Bridges.ListAsync(AriTestKit.Guard());

        Assert.Equal(["b1", "b2"], bridges.Select(b => b.Id));
        Assert.Equal(TimeSpan.FromHours(-5), bridges[1].CreationTime.Offset);
    }

    [Fact]
    public async Task Add_and_remove_channel_send_the_channel_list()
    {
        await ari.Bridges.AddChannelAsync("fixture-bridge-1", ["1795239951.51"], AriTestKit.Guard());
        Assert.Equal("POST /ari/bridges/fixture-bridge-1/addChannel?channel=1795239951.51", LastRequest.ToString());

        server.Respond("POST", "/ari/bridges/b1/removeChannel?channel=c1,c2", FakeAriResponses.NoContent());
        await ari.Bridges.RemoveChannelAsync("b1", ["c1", "c2"], AriTestKit.Guard());
        Assert.Equal("c1,c2", LastRequest.QueryValue("channel"));

        server.Respond("POST", "/ari/bridges/b1/addChannel?channel=c3&role=agent&absorbDTMF=true&mute=false", FakeAriResponses.NoContent());
        await ari.Bridges.AddChannelAsync("b1", ["c3"], AriTestKit.Guard(), role: "agent", absorbDtmf: true, mute: false);
        Assert.Equal("true", LastRequest.QueryValue("absorbDTMF"));
    }

    [Fact]
    public async Task Destroy_deletes_the_bridge()
    {
        await ari.Bridges.DestroyAsync("fixture-bridge-1", AriTestKit.Guard());

        Assert.Equal("DELETE /ari/bridges/fixture-bridge-1", LastRequest.ToString());
    }

    [Fact]
    public async Task Play_to_a_bridge_returns_a_playback_targeting_the_bridge()
    {
        server.Respond("POST", "/ari/bridges/b1/play?media=sound:tt-monkeys&playbackId=pb-b1", FakeAriResponses.Json(201, "Created",
            """{"id":"pb-b1","media_uri":"sound:tt-monkeys","target_uri":"bridge:b1","language":"en","state":"queued"}"""));

        var playback = await ari.Bridges.PlayAsync("b1", new PlayRequest { Media = ["sound:tt-monkeys"], PlaybackId = "pb-b1" }, AriTestKit.Guard());

        Assert.Equal("bridge:b1", playback.TargetUri);
    }

    [Fact]
    public async Task Record_a_bridge_returns_the_live_recording()
    {
        server.Respond("POST", "/ari/bridges/b1/record?name=conf-1&format=wav&maxDurationSeconds=3600",
            FakeAriResponses.Json(201, "Created", """{"name":"conf-1","format":"wav","state":"recording","target_uri":"bridge:b1"}"""));

        var recording = await ari.Bridges.RecordAsync("b1", new RecordRequest { Name = "conf-1", Format = "wav", MaxDurationSeconds = 3600 }, AriTestKit.Guard());

        Assert.Equal("/ari/bridges/b1/record", LastRequest.Path);
        Assert.Equal(("recording", "bridge:b1"), (recording.State, recording.TargetUri));
    }

    [Fact]
    public async Task Adding_no_channel_is_refused_before_any_request()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ari.Bridges.AddChannelAsync("b1", [], AriTestKit.Guard()));

        Assert.Empty(server.Requests);
    }
}
