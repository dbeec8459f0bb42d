using BotPbx.Asterisk.Ari;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ari;

/// <summary>/channels against the recorded answers of ari-stasis-call-rest and ari-originate-local-rest.</summary>
public sealed class AriChannelsRestTests : IAsyncLifetime
{
    private const string Caller = "1795239951.51";
    private readonly FakeAriServer server = FakeAriServer.Start();
    private AriClient ari = null!;

    public Task InitializeAsync()
    {
        server.RespondFromFixture(AriTestKit.Fixture("ari-stasis-call-rest"));
        server.RespondFromFixture(AriTestKit.Fixture("ari-originate-local-rest"));
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
    public async Task Get_sends_basic_credentials_and_parses_the_recorded_channel()
    {
        var channel = await ari.Channels.GetAsync(Caller, AriTestKit.Guard());

        Assert.Equal("GET", LastRequest.Method);
        Assert.Equal("/ari/channels/1795239951.51", LastRequest.Target);
        Assert.Equal(AriTestKit.RecordedAuthorization, LastRequest.Authorization);
        Assert.Equal("PJSIP/1001-0000001b", channel.Name);
        Assert.Equal(ChannelStates.Ring, channel.State);
        Assert.Equal("c3c5681f-eada-4b08-b655-a5938e48c36c", channel.ProtocolId);
        Assert.Equal(new CallerId { Name = "Test 1001", Number = "1001" }, channel.Caller);
        Assert.Equal("from-internal", channel.Dialplan.Context);
        Assert.Equal("6021", channel.Dialplan.Exten);
        Assert.Equal(2, channel.Dialplan.Priority);
        Assert.Equal("Stasis", channel.Dialplan.AppName);
        Assert.Equal("test,arg1,arg two", channel.Dialplan.AppData);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 5, 45, 51, 804, TimeSpan.Zero), channel.CreationTime);
        Assert.Equal("en", channel.Language);
    }

    [Fact]
    public async Task Answer_posts_to_answer_and_accepts_the_204()
    {
        await ari.Channels.AnswerAsync(Caller, AriTestKit.Guard());

        Assert.Equal("POST /ari/channels/1795239951.51/answer", LastRequest.ToString());
        Assert.Equal("application/json", LastRequest.Headers["Accept"]);
        Assert.Equal("0", LastRequest.Headers["Content-Length"]);
        Assert.Equal(AriTestKit.RecordedAuthorization, LastRequest.Authorization);
    }

    [Fact]
    public async Task Play_with_a_chosen_playback_id_returns_the_queued_playback()
    {
        var playback = await ari.Channels.PlayAsync(Caller, new PlayRequest { Media = ["sound:beep"], PlaybackId = "fixture-pb-1" }, AriTestKit.Guard());

        Assert.Equal("/ari/channels/1795239951.51/play", LastRequest.Path);
        Assert.Equal("sound:beep", LastRequest.QueryValue("media"));
        Assert.Equal("fixture-pb-1", LastRequest.QueryValue("playbackId"));
        Assert.Equal("fixture-pb-1", playback.Id);
        Assert.Equal("queued", playback.State);
        Assert.Equal("channel:1795239951.51", playback.TargetUri);
    }

    [Fact]
    public async Task Play_of_several_media_sends_one_comma_separated_parameter()
    {
        server.Respond("POST", "/ari/channels/c1/play?media=sound:a,sound:b&lang=fr", FakeAriResponses.Json(201, "Created",
            """{"id":"p","media_uri":"sound:a","next_media_uri":"sound:b","target_uri":"channel:c1","language":"fr","state":"queued"}"""));

        var playback = await ari.Channels.PlayAsync("c1", new PlayRequest { Media = ["sound:a", "sound:b"], Language = "fr" }, AriTestKit.Guard());

        Assert.Equal("sound:a,sound:b", LastRequest.QueryValue("media"));
        Assert.Equal("sound:b", playback.NextMediaUri);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            ari.Channels.PlayAsync("c1", new PlayRequest { Media = ["sound:a,b"] }, AriTestKit.Guard()));
    }

    [Fact]
    public async Task Snoop_creates_the_recorded_snoop_channel()
    {
        var snoop = await ari.Channels.SnoopAsync(Caller, new SnoopRequest { App = "test", Spy = SnoopDirection.Both, SnoopId = "fixture-snoop-1" }, AriTestKit.Guard());

        Assert.Equal("/ari/channels/1795239951.51/snoop", LastRequest.Path);
        Assert.Equal("both", LastRequest.QueryValue("spy"));
        Assert.Null(LastRequest.QueryValue("whisper"));
        Assert.Equal("Snoop/1795239951.51-00000002", snoop.Name);
        Assert.Equal("Up", snoop.State);
    }

    [Fact]
    public async Task External_media_over_audiosocket_tcp_sends_encapsulation_transport_format_and_data()
    {
        var channel = await ari.Channels.ExternalMediaAsync(new ExternalMediaRequest
        {
            App = "test",
            ChannelId = "fixture-extmedia-as",
            ExternalHost = "127.0.0.1:9092",
            Encapsulation = ExternalMediaEncapsulation.AudioSocket,
            Transport = ExternalMediaTransport.Tcp,
            Format = "slin",
            Data = "0b0e5f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b",
        }, AriTestKit.Guard());

        Assert.Equal("/ari/channels/externalMedia", LastRequest.Path);
        Assert.Equal("audiosocket", LastRequest.QueryValue("encapsulation"));
        Assert.Equal("tcp", LastRequest.QueryValue("transport"));
        Assert.Equal("slin", LastRequest.QueryValue("format"));
        Assert.Equal("127.0.0.1:9092", LastRequest.QueryValue("external_host"));
        Assert.Equal("AudioSocket/127.0.0.1:9092-0b0e5f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b", channel.Name);
        Assert.Equal("Down", channel.State);
    }

    [Fact]
    public async Task External_media_over_rtp_parses_the_unicast_rtp_channel_and_its_channel_vars()
    {
        server.Respond("POST", "/ari/channels/externalMedia?app=test&channelId=fixture-extmedia-rtp&external_host=127.0.0.1:20000&format=ulaw&encapsulation=rtp&transport=udp",
            RecordedAnswer("ari-stasis-call-rest", "fixture-extmedia-rtp&external_host"));

        var channel = await ari.Channels.ExternalMediaAsync(new ExternalMediaRequest
        {
            App = "test", ChannelId = "fixture-extmedia-rtp", ExternalHost = "127.0.0.1:20000", Format = "ulaw",
        }, AriTestKit.Guard());

        Assert.Equal("rtp", LastRequest.QueryValue("encapsulation"));
        Assert.Equal("udp", LastRequest.QueryValue("transport"));
        Assert.StartsWith("UnicastRTP/127.0.0.1:20000-", channel.Name, StringComparison.Ordinal);
        Assert.NotNull(channel.ChannelVars);
        Assert.Contains("UNICASTRTP_LOCAL_PORT", channel.ChannelVars!.Keys);
    }

    [Fact]
    public async Task List_returns_every_recorded_channel()
    {
        server.Respond("GET", "/ari/channels", RecordedAnswer("ari-stasis-call-rest", "GET /ari/channels HTTP"));

        var channels = await ari.Channels.ListAsync(AriTestKit.Guard());

        Assert.Contains(channels, c => c.Id == Caller);
        Assert.Contains(channels, c => c.Id == "fixture-extmedia-as");
        Assert.All(channels, c => Assert.NotEqual("", c.Name));
    }

    [Fact]
    public async Task Variables_are_read_and_written_with_the_name_escaped_in_the_query()
    {
        var value = await ari.Channels.GetVariableAsync(Caller, "CALLERID(num)", AriTestKit.Guard());
        Assert.Equal("1001", value);
        Assert.Equal("/ari/channels/1795239951.51/variable?variable=CALLERID%28num%29", LastRequest.Target);

        await ari.Channels.SetVariableAsync(Caller, "BOTPBX_TEST", "hello", AriTestKit.Guard());
        Assert.Equal("POST", LastRequest.Method);
        Assert.Equal("BOTPBX_TEST", LastRequest.QueryValue("variable"));
        Assert.Equal("hello", LastRequest.QueryValue("value"));
    }

    [Fact]
    public async Task Dtmf_and_hangup_with_a_reason_code_use_the_recorded_request_shapes()
    {
        await ari.Channels.SendDtmfAsync(Caller, "12", AriTestKit.Guard());
        Assert.Equal("POST /ari/channels/1795239951.51/dtmf?dtmf=12", LastRequest.ToString());

        await ari.Channels.HangupAsync("fixture-extmedia-rtp", AriTestKit.Guard(), reasonCode: 16);
        Assert.Equal("DELETE /ari/channels/fixture-extmedia-rtp?reason_code=16", LastRequest.ToString());

        await ari.Channels.HangupAsync("fixture-snoop-1", AriTestKit.Guard(), reason: "normal");
        Assert.Equal("DELETE /ari/channels/fixture-snoop-1?reason=normal", LastRequest.ToString());
    }

    [Fact]
    public async Task Originate_into_stasis_sends_endpoint_app_args_and_escaped_caller_id()
    {
        var channel = await ari.Channels.OriginateAsync(new OriginateRequest
        {
            Endpoint = "Local/608@from-internal",
            App = "test",
            AppArgs = ["a", "b"],
            ChannelId = "fixture-orig-1",
            CallerId = "Fixture <555>",
            Timeout = 10,
        }, AriTestKit.Guard());

        Assert.Equal("Local/608@from-internal", LastRequest.QueryValue("endpoint"));
        Assert.Equal("a,b", LastRequest.QueryValue("appArgs"));
        Assert.Contains("callerId=Fixture%20%3C555%3E", LastRequest.Target, StringComparison.Ordinal);
        Assert.Empty(LastRequest.Body);
        Assert.Equal("fixture-orig-1", channel.Id);
        Assert.Equal(new CallerId { Name = "Fixture", Number = "555" }, channel.Caller);
    }

    [Fact]
    public async Task Originate_puts_channel_variables_in_a_json_body_not_in_the_url()
    {
        server.Respond("POST", "/ari/channels?endpoint=PJSIP/1002&app=botpbx", FakeAriResponses.Json(200, "OK", """{"id":"o1","name":"PJSIP/1002-01","state":"Down"}"""));

        await ari.Channels.OriginateAsync(new OriginateRequest
        {
            Endpoint = "PJSIP/1002", App = "botpbx",
            Variables = new Dictionary<string, string> { ["CALLERID(name)"] = "Sales & Co", ["X"] = "1" },
        }, AriTestKit.Guard());

        Assert.Equal("application/json", LastRequest.Headers["Content-Type"]);
        Assert.Equal("""{"variables":{"CALLERID(name)":"Sales \u0026 Co","X":"1"}}""", LastRequest.BodyText);
        Assert.DoesNotContain("Sales", LastRequest.Target, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ring", "POST")]
    [InlineData("stopRinging", "DELETE")]
    [InlineData("hold", "POST")]
    [InlineData("unhold", "DELETE")]
    [InlineData("mute", "POST")]
    [InlineData("unmute", "DELETE")]
    [InlineData("redirect", "POST")]
    [InlineData("continue", "POST")]
    public async Task Call_control_requests_have_the_documented_method_path_and_query(string call, string method)
    {
        var (path, expectedQuery) = call switch
        {
            "ring" or "stopRinging" => ("ring", ""),
            "hold" or "unhold" => ("hold", ""),
            "mute" or "unmute" => ("mute", "direction=in"),
            "redirect" => ("redirect", "endpoint=PJSIP/1003"),
            _ => ("continue", "context=from-internal&extension=600&priority=1"),
        };
        server.Respond(method, $"/ari/channels/c1/{path}?{expectedQuery}", FakeAriResponses.NoContent());
        var ct = AriTestKit.Guard();

        await (call switch
        {
            "ring" => ari.Channels.RingAsync("c1", ct),
            "stopRinging" => ari.Channels.StopRingingAsync("c1", ct),
            "hold" => ari.Channels.HoldAsync("c1", ct),
            "unhold" => ari.Channels.UnholdAsync("c1", ct),
            "mute" => ari.Channels.MuteAsync("c1", MuteDirection.In, ct),
            "unmute" => ari.Channels.UnmuteAsync("c1", MuteDirection.In, ct),
            "redirect" => ari.Channels.RedirectAsync("c1", "PJSIP/1003", ct),
            _ => ari.Channels.ContinueInDialplanAsync("c1", ct, "from-internal", "600", 1),
        });

        Assert.Equal(method, LastRequest.Method);
        Assert.Equal($"/ari/channels/c1/{path}", LastRequest.Path);
        Assert.Equal(FakeAriRequest.Normalize(method, $"/ari/channels/c1/{path}?{expectedQuery}"), FakeAriRequest.Normalize(LastRequest.Method, LastRequest.Target));
    }

    [Fact]
    public async Task Record_returns_the_live_recording()
    {
        server.Respond("POST", "/ari/channels/c1/record?name=vm-1&format=wav&maxSilenceSeconds=3&beep=true&ifExists=overwrite&terminateOn=%23",
            FakeAriResponses.Json(201, "Created", """{"name":"vm-1","format":"wav","state":"queued","target_uri":"channel:c1"}"""));

        var recording = await ari.Channels.RecordAsync("c1", new RecordRequest
        {
            Name = "vm-1", Format = "wav", MaxSilenceSeconds = 3, Beep = true, IfExists = "overwrite", TerminateOn = "#",
        }, AriTestKit.Guard());

        Assert.Equal("#", LastRequest.QueryValue("terminateOn"));
        Assert.Equal("vm-1", recording.Name);
        Assert.Equal("queued", recording.State);
    }

    /// <summary>The response recorded for the first request whose head contains <paramref name="marker"/>.</summary>
    internal static byte[] RecordedAnswer(string fixture, string marker) =>
        AriTestKit.Fixture(fixture).Exchanges()
            .First(e => System.Text.Encoding.ASCII.GetString(e.Request).Contains(marker, StringComparison.Ordinal)).Response;
}
