using BotPbx.Asterisk.Ari;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ari;

/// <summary>/playbacks, /recordings, /applications and /asterisk.</summary>
public sealed class AriOtherResourcesRestTests : IAsyncLifetime
{
    private readonly FakeAriServer server = FakeAriServer.Start();
    private AriClient ari = null!;

    public Task InitializeAsync()
    {
        server.RespondFromFixture(AriTestKit.Fixture("ari-originate-local-rest"));
        server.RespondFromFixture(AriTestKit.Fixture("ari-asterisk-info"));
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
    public async Task Playback_get_parses_the_recorded_playing_state()
    {
        var playback = await ari.Playbacks.GetAsync("fixture-pb-2", AriTestKit.Guard());

        Assert.Equal("GET /ari/playbacks/fixture-pb-2", LastRequest.ToString());
        Assert.Equal("playing", playback.State);
        Assert.Equal("sound:beep", playback.MediaUri);
    }

    [Fact]
    public async Task Playback_stop_and_control_use_delete_and_the_operation_name()
    {
        server.Respond("DELETE", "/ari/playbacks/p1", FakeAriResponses.NoContent());
        await ari.Playbacks.StopAsync("p1", AriTestKit.Guard());
        Assert.Equal("DELETE /ari/playbacks/p1", LastRequest.ToString());

        foreach (var (operation, wire) in new[] { (PlaybackOperation.Pause, "pause"), (PlaybackOperation.Unpause, "unpause"),
                     (PlaybackOperation.Restart, "restart"), (PlaybackOperation.Reverse, "reverse"), (PlaybackOperation.Forward, "forward") })
        {
            server.Respond("POST", "/ari/playbacks/p1/control?operation=" + wire, FakeAriResponses.NoContent());
            await ari.Playbacks.ControlAsync("p1", operation, AriTestKit.Guard());
            Assert.Equal("POST /ari/playbacks/p1/control?operation=" + wire, LastRequest.ToString());
        }
    }

    [Fact]
    public async Task Live_recording_calls_use_the_documented_paths()
    {
        var ct = AriTestKit.Guard();
        var calls = new (Func<Task> Call, string Method, string Target)[]
        {
            (() => ari.Recordings.StopAsync("r 1", ct), "POST", "/ari/recordings/live/r%201/stop"),
            (() => ari.Recordings.PauseAsync("r 1", ct), "POST", "/ari/recordings/live/r%201/pause"),
            (() => ari.Recordings.UnpauseAsync("r 1", ct), "DELETE", "/ari/recordings/live/r%201/pause"),
            (() => ari.Recordings.MuteAsync("r 1", ct), "POST", "/ari/recordings/live/r%201/mute"),
            (() => ari.Recordings.UnmuteAsync("r 1", ct), "DELETE", "/ari/recordings/live/r%201/mute"),
            (() => ari.Recordings.CancelAsync("r 1", ct), "DELETE", "/ari/recordings/live/r%201"),
            (() => ari.Recordings.DeleteStoredAsync("r 1", ct), "DELETE", "/ari/recordings/stored/r%201"),
        };
        foreach (var (call, method, target) in calls)
        {
            server.Respond(method, target, FakeAriResponses.NoContent());
            await call();
            Assert.Equal(method + " " + target, LastRequest.ToString());
        }
    }

    [Fact]
    public async Task Live_recording_get_and_stored_recordings_are_parsed()
    {
        server.Respond("GET", "/ari/recordings/live/vm-1", FakeAriResponses.Json(200, "OK",
            """{"name":"vm-1","format":"wav","state":"done","target_uri":"channel:c1","duration":7,"talking_duration":5,"silence_duration":2}"""));
        server.Respond("GET", "/ari/recordings/stored", FakeAriResponses.Json(200, "OK", """[{"name":"vm-1","format":"wav"},{"name":"vm-2","format":"gsm"}]"""));
        server.Respond("GET", "/ari/recordings/stored/vm-2", FakeAriResponses.Json(200, "OK", """{"name":"vm-2","format":"gsm"}"""));

        var live = await ari.Recordings.GetLiveAsync("vm-1", AriTestKit.Guard());
        var stored = await ari.Recordings.ListStoredAsync(AriTestKit.Guard());
        var one = await ari.Recordings.GetStoredAsync("vm-2", AriTestKit.Guard());

        Assert.Equal((7, 5, 2), (live.Duration, live.TalkingDuration, live.SilenceDuration));
        Assert.Equal(["vm-1", "vm-2"], stored.Select(r => r.Name));
        Assert.Equal("gsm", one.Format);
    }

    [Fact]
    public async Task Applications_list_is_parsed_from_the_recording()
    {
        var applications = await ari.Applications.ListAsync(AriTestKit.Guard());

        var test = Assert.Single(applications);
        Assert.Equal("test", test.Name);
        Assert.Empty(test.ChannelIds);
        Assert.Empty(test.EventsAllowed);
    }

    [Fact]
    public async Task Application_get_subscribe_and_unsubscribe_use_the_subscription_resource()
    {
        const string App = """{"name":"botpbx","channel_ids":[],"bridge_ids":[],"endpoint_ids":["PJSIP/1001"],"device_names":[],"events_allowed":[],"events_disallowed":[]}""";
        server.Respond("GET", "/ari/applications/botpbx", FakeAriResponses.Json(200, "OK", App));
        server.Respond("POST", "/ari/applications/botpbx/subscription?eventSource=endpoint:PJSIP/1001", FakeAriResponses.Json(200, "OK", App));
        server.Respond("DELETE", "/ari/applications/botpbx/subscription?eventSource=endpoint:PJSIP/1001", FakeAriResponses.Json(200, "OK", App));

        var got = await ari.Applications.GetAsync("botpbx", AriTestKit.Guard());
        var subscribed = await ari.Applications.SubscribeAsync("botpbx", ["endpoint:PJSIP/1001"], AriTestKit.Guard());
        Assert.Equal("/ari/applications/botpbx/subscription?eventSource=endpoint%3APJSIP%2F1001", LastRequest.Target);
        await ari.Applications.UnsubscribeAsync("botpbx", ["endpoint:PJSIP/1001"], AriTestKit.Guard());

        Assert.Equal("DELETE", LastRequest.Method);
        Assert.Equal(["PJSIP/1001"], got.EndpointIds);
        Assert.Equal(["PJSIP/1001"], subscribed.EndpointIds);
    }

    [Fact]
    public async Task Asterisk_info_and_ping_are_parsed_from_the_recording()
    {
        var info = await ari.Asterisk.GetInfoAsync(AriTestKit.Guard());
        var ping = await ari.Asterisk.PingAsync(AriTestKit.Guard());

        Assert.Equal("22.10.1", info.System!.Version);
        Assert.Equal("02:fc:00:00:00:01", info.System.EntityId);
        Assert.Equal("x86_64", info.Build!.Machine);
        Assert.Equal("2026-11-21 05:21:25 UTC", info.Build.Date);
        Assert.Equal("en", info.Config!.DefaultLanguage);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 5, 39, 33, 842, TimeSpan.Zero), info.Status!.StartupTime);
        Assert.Equal("pong", ping.Ping);
        Assert.Equal("02:fc:00:00:00:01", ping.AsteriskId);
    }

    [Fact]
    public async Task Pretty_printed_json_and_responses_written_one_byte_at_a_time_parse_the_same()
    {
        await using var pretty = FakeAriServer.Start();
        pretty.RespondFromFixture(AriTestKit.Fixture("ari-asterisk-info-pretty"));
        pretty.WriteResponsesByteByByte = true;
        await using var client = new AriClient(AriTestKit.Options(pretty));

        var info = await client.Asterisk.GetInfoAsync(AriTestKit.Guard());
        var ping = await client.Asterisk.PingAsync(AriTestKit.Guard());

        Assert.Equal("22.10.1", info.System!.Version);
        Assert.Equal("pong", ping.Ping);
    }
}
