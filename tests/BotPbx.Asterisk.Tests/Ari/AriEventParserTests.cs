using System.Text;
using System.Text.Json;
using BotPbx.Asterisk.Ari;

namespace BotPbx.Asterisk.Tests.Ari;

/// <summary>Decoding event JSON into typed events: every event of the recorded calls, then the edge cases.</summary>
public sealed class AriEventParserTests
{
    private static readonly IReadOnlyList<string> CallEvents = AriTestKit.Fixture("ari-stasis-call-websocket").EventPayloads();

    private static AriEvent Parse(string json) => AriEventParser.Parse(Encoding.UTF8.GetBytes(json));

    private static T First<T>(Func<T, bool>? match = null) where T : AriEvent =>
        CallEvents.Select(Parse).OfType<T>().First(e => match?.Invoke(e) ?? true);

    [Theory]
    [InlineData("ari-stasis-call-websocket")]
    [InlineData("ari-originate-local-websocket")]
    [InlineData("ari-externalmedia-audiosocket-slin16-websocket")]
    public void Every_recorded_event_parses_to_its_own_type_or_an_unknown_event_keeping_the_raw_json(string fixture)
    {
        var payloads = AriTestKit.Fixture(fixture).EventPayloads();
        Assert.NotEmpty(payloads);

        foreach (var json in payloads)
        {
            var parsed = Parse(json);
            var type = JsonDocument.Parse(json).RootElement.GetProperty("type").GetString();
            Assert.Equal(type, parsed.Type);
            Assert.Equal("test", parsed.Application);
            Assert.Equal("02:fc:00:00:00:01", parsed.AsteriskId);
            Assert.NotNull(parsed.Timestamp);
            if (parsed is AriUnknownEvent unknown)
            {
                Assert.Equal(json, unknown.RawJson);
                Assert.Null(unknown.DecodeError);
                Assert.Contains(type, new[] { "ChannelConnectedLine" });
            }
        }
    }

    [Fact]
    public void Stasis_start_carries_the_arguments_and_the_unanswered_ring_state()
    {
        var start = First<StasisStartEvent>();

        Assert.Equal(["arg1", "arg two"], start.Args);
        Assert.Equal("1795239951.51", start.Channel.Id);
        Assert.Equal(ChannelStates.Ring, start.Channel.State);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 5, 45, 51, 804, TimeSpan.Zero), start.Timestamp);
    }

    [Fact]
    public void State_change_after_answer_is_up()
    {
        Assert.Equal(ChannelStates.Up, First<ChannelStateChangeEvent>().Channel.State);
    }

    [Fact]
    public void Varset_is_typed_although_type_comes_after_variable_and_value()
    {
        var varset = First<ChannelVarsetEvent>(e => e.Variable == "BOTPBX_TEST");

        Assert.Equal("hello", varset.Value);
        Assert.Equal("1795239951.51", varset.Channel!.Id);
        Assert.StartsWith("{\"variable\"", CallEvents.First(j => j.Contains("BOTPBX_TEST", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Hangup_request_from_rest_is_cause_32_soft_and_from_the_caller_cause_16_without_soft()
    {
        var fromRest = First<ChannelHangupRequestEvent>(e => e.Channel.Id == "fixture-extmedia-as");
        var fromCaller = First<ChannelHangupRequestEvent>(e => e.Channel.Id == "1795239951.51");

        Assert.Equal((32, true), (fromRest.Cause, fromRest.Soft));
        Assert.Equal(16, fromCaller.Cause);
        Assert.Null(fromCaller.Soft);
    }

    [Fact]
    public void Dtmf_has_the_digit_and_its_duration()
    {
        var dtmf = First<ChannelDtmfReceivedEvent>();

        Assert.Equal(("1", 200), (dtmf.Digit, dtmf.DurationMs));
    }

    [Fact]
    public void Playback_bridge_dial_and_destroy_events_carry_their_objects()
    {
        Assert.Equal("playing", First<PlaybackStartedEvent>().Playback.State);
        Assert.Equal("done", First<PlaybackFinishedEvent>().Playback.State);
        var entered = First<ChannelEnteredBridgeEvent>();
        Assert.Equal(("fixture-bridge-1", "1795239951.51"), (entered.Bridge.Id, entered.Channel.Id));
        Assert.Equal("fixture-bridge-1", First<ChannelLeftBridgeEvent>().Bridge.Id);
        Assert.Empty(First<BridgeDestroyedEvent>().Bridge.Channels);
        var answered = First<DialEvent>(e => e.DialStatus == "ANSWER");
        Assert.Equal("fixture-extmedia-as", answered.Peer.Id);
        Assert.Equal("127.0.0.1:9092/0b0e5f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b", answered.DialString);
        var destroyed = First<ChannelDestroyedEvent>();
        Assert.Equal((16, "Normal Clearing"), (destroyed.Cause, destroyed.CauseText));
        Assert.Equal("fixture-extmedia-as", First<StasisEndEvent>().Channel.Id);
    }

    [Fact]
    public void Originate_events_include_caller_id_and_dialplan_changes()
    {
        var events = AriTestKit.Fixture("ari-originate-local-websocket").EventPayloads().Select(Parse).ToList();

        var callerId = events.OfType<ChannelCallerIdEvent>().First();
        Assert.Equal("Presentation Allowed, Not Screened", callerId.CallerPresentationText);
        Assert.Contains(events.OfType<ChannelDialplanEvent>(), e => e.DialplanApp == "MusicOnHold" && e.DialplanAppData == "default,20");
        Assert.Contains(events.OfType<StasisStartEvent>(), e => e.Args.SequenceEqual(["a", "b"]));
    }

    [Fact]
    public void Events_not_seen_in_the_captures_parse_from_their_documented_shape()
    {
        const string Common = "\"timestamp\":\"2026-11-21T05:45:51.804+0000\",\"application\":\"botpbx\"";
        const string Chan = "\"channel\":{\"id\":\"c1\",\"name\":\"PJSIP/1001-1\",\"state\":\"Up\"}";
        const string Rec = "\"recording\":{\"name\":\"r1\",\"format\":\"wav\",\"state\":\"done\",\"target_uri\":\"channel:c1\",\"duration\":4}";
        const string Brg = "\"bridge\":{\"id\":\"b1\",\"bridge_type\":\"mixing\",\"channels\":[]}";

        Assert.Equal(1500, Assert.IsType<ChannelTalkingFinishedEvent>(Parse($"{{\"type\":\"ChannelTalkingFinished\",{Common},{Chan},\"duration\":1500}}")).Duration);
        Assert.Equal("c1", Assert.IsType<ChannelTalkingStartedEvent>(Parse($"{{{Chan},\"type\":\"ChannelTalkingStarted\",{Common}}}")).Channel.Id);
        Assert.Equal(4, Assert.IsType<RecordingFinishedEvent>(Parse($"{{\"type\":\"RecordingFinished\",{Common},{Rec}}}")).Recording.Duration);
        Assert.Equal("r1", Assert.IsType<RecordingStartedEvent>(Parse($"{{\"type\":\"RecordingStarted\",{Common},{Rec}}}")).Recording.Name);
        Assert.IsType<RecordingFailedEvent>(Parse($"{{\"type\":\"RecordingFailed\",{Common},{Rec}}}"));
        Assert.Equal("b1", Assert.IsType<BridgeCreatedEvent>(Parse($"{{\"type\":\"BridgeCreated\",{Common},{Brg}}}")).Bridge.Id);
        Assert.Equal("default", Assert.IsType<ChannelHoldEvent>(Parse($"{{\"type\":\"ChannelHold\",{Common},{Chan},\"musicclass\":\"default\"}}")).MusicClass);
        Assert.IsType<ChannelUnholdEvent>(Parse($"{{\"type\":\"ChannelUnhold\",{Common},{Chan}}}"));
        Assert.IsType<ChannelCreatedEvent>(Parse($"{{\"type\":\"ChannelCreated\",{Common},{Chan}}}"));
        Assert.IsType<PlaybackContinuingEvent>(Parse($"{{\"type\":\"PlaybackContinuing\",{Common},\"playback\":{{\"id\":\"p\",\"state\":\"continuing\"}}}}"));
        var user = Assert.IsType<ChannelUsereventEvent>(Parse($"{{\"type\":\"ChannelUserevent\",{Common},\"eventname\":\"BotPbxTest\",\"userevent\":{{\"foo\":\"bar\"}}}}"));
        Assert.Equal("bar", user.UserEvent.GetProperty("foo").GetString());
    }

    [Fact]
    public void An_unknown_type_is_kept_raw_with_its_common_fields()
    {
        const string Json = """{"type":"BridgeBlindTransfer","timestamp":"2026-11-21T05:45:51.804+0000","application":"botpbx","result":"Success","is_external":false}""";

        var unknown = Assert.IsType<AriUnknownEvent>(Parse(Json));

        Assert.Equal("BridgeBlindTransfer", unknown.Type);
        Assert.Equal("botpbx", unknown.Application);
        Assert.Equal(Json, unknown.RawJson);
        Assert.Null(unknown.DecodeError);
    }

    [Fact]
    public void A_known_type_whose_fields_do_not_match_is_kept_raw_with_the_reason()
    {
        const string Json = """{"type":"ChannelDtmfReceived","digit":"1","duration_ms":{"oops":1},"application":"botpbx"}""";

        var unknown = Assert.IsType<AriUnknownEvent>(Parse(Json));

        Assert.Equal("ChannelDtmfReceived", unknown.Type);
        Assert.NotNull(unknown.DecodeError);
        Assert.Equal(Json, unknown.RawJson);
    }

    [Theory]
    [InlineData("StasisEnd")]
    [InlineData("SomethingNew")]
    public void An_event_whose_common_members_are_unreadable_is_still_kept_raw(string type)
    {
        var json = $$"""{"type":"{{type}}","timestamp":"yesterday","application":"botpbx"}""";

        var unknown = Assert.IsType<AriUnknownEvent>(Parse(json));

        Assert.Equal(type, unknown.Type);
        Assert.Equal(json, unknown.RawJson);
        Assert.NotNull(unknown.DecodeError);
        Assert.Null(unknown.Timestamp);
    }

    [Fact]
    public void Only_a_top_level_type_counts()
    {
        var parsed = Parse("""{"channel":{"type":"ignored","id":"c1"},"type":"StasisEnd","application":"a"}""");

        Assert.IsType<StasisEndEvent>(parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"type\":\"StasisEnd\"")]
    [InlineData("{\"type\":\"StasisEnd\"} trailing")]
    [InlineData("{\"application\":\"a\"}")]
    [InlineData("{\"type\":42}")]
    [InlineData("{\"type\":\"\"}")]
    public void Anything_but_an_object_with_a_string_type_is_a_protocol_error(string json)
    {
        Assert.Throws<AriProtocolException>(() => Parse(json));
    }

    [Fact]
    public void Timestamps_accept_asterisks_offset_without_colon_and_the_iso_form()
    {
        var withoutColon = Parse("""{"type":"StasisEnd","timestamp":"2026-11-21T05:45:51.804-0500"}""");
        var withColon = Parse("""{"type":"StasisEnd","timestamp":"2026-11-21T05:45:51.804-05:00"}""");

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 5, 45, 51, 804, TimeSpan.FromHours(-5)), withoutColon.Timestamp);
        Assert.Equal(withoutColon.Timestamp, withColon.Timestamp);
    }
}
