using System.Text.Json.Serialization;

namespace BotPbx.Asterisk.Ari;

/// <summary>Source-generated (de)serializers for every model and event; no reflection at run time.
/// Unknown JSON members are skipped so newer Asterisk versions can add fields.</summary>
[JsonSourceGenerationOptions(
    Converters = [typeof(AriTimestampConverter)],
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(IReadOnlyList<Channel>))]
[JsonSerializable(typeof(Bridge))]
[JsonSerializable(typeof(IReadOnlyList<Bridge>))]
[JsonSerializable(typeof(Playback))]
[JsonSerializable(typeof(LiveRecording))]
[JsonSerializable(typeof(StoredRecording))]
[JsonSerializable(typeof(IReadOnlyList<StoredRecording>))]
[JsonSerializable(typeof(Application))]
[JsonSerializable(typeof(IReadOnlyList<Application>))]
[JsonSerializable(typeof(AsteriskInfo))]
[JsonSerializable(typeof(AsteriskPing))]
[JsonSerializable(typeof(ChannelVariable))]
[JsonSerializable(typeof(AriErrorBody))]
[JsonSerializable(typeof(AriEnvelope))]
[JsonSerializable(typeof(AriVariablesBody))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(StasisStartEvent))]
[JsonSerializable(typeof(StasisEndEvent))]
[JsonSerializable(typeof(ChannelCreatedEvent))]
[JsonSerializable(typeof(ChannelStateChangeEvent))]
[JsonSerializable(typeof(ChannelDtmfReceivedEvent))]
[JsonSerializable(typeof(ChannelHangupRequestEvent))]
[JsonSerializable(typeof(ChannelDestroyedEvent))]
[JsonSerializable(typeof(ChannelVarsetEvent))]
[JsonSerializable(typeof(ChannelCallerIdEvent))]
[JsonSerializable(typeof(ChannelDialplanEvent))]
[JsonSerializable(typeof(ChannelHoldEvent))]
[JsonSerializable(typeof(ChannelUnholdEvent))]
[JsonSerializable(typeof(ChannelTalkingStartedEvent))]
[JsonSerializable(typeof(ChannelTalkingFinishedEvent))]
[JsonSerializable(typeof(ChannelUsereventEvent))]
[JsonSerializable(typeof(DialEvent))]
[JsonSerializable(typeof(BridgeCreatedEvent))]
[JsonSerializable(typeof(BridgeDestroyedEvent))]
[JsonSerializable(typeof(ChannelEnteredBridgeEvent))]
[JsonSerializable(typeof(ChannelLeftBridgeEvent))]
[JsonSerializable(typeof(PlaybackStartedEvent))]
[JsonSerializable(typeof(PlaybackContinuingEvent))]
[JsonSerializable(typeof(PlaybackFinishedEvent))]
[JsonSerializable(typeof(RecordingStartedEvent))]
[JsonSerializable(typeof(RecordingFinishedEvent))]
[JsonSerializable(typeof(RecordingFailedEvent))]
internal sealed partial class AriJsonContext : JsonSerializerContext;

/// <summary>Asterisk's error body: <c>{"message":"Channel not found"}</c>.</summary>
internal sealed record AriErrorBody
{
    [JsonPropertyName("message")] public string? Message { get; init; }
}

/// <summary>Only the members every event has; used to fill <see cref="AriUnknownEvent"/>.</summary>
internal sealed class AriEnvelope : AriEvent;

/// <summary>The JSON body ARI takes for channel variables (originate, externalMedia).</summary>
internal sealed record AriVariablesBody
{
    [JsonPropertyName("variables")] public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
}
