using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;

namespace BotPbx.Asterisk.Ari;

/// <summary>The registry of typed events: ARI <c>type</c> → the class it decodes into. Adding an event is one line
/// here plus its class; anything not listed is delivered as <see cref="AriUnknownEvent"/>.</summary>
internal static class AriEventTypes
{
    private static readonly FrozenDictionary<string, JsonTypeInfo> ByName = Build();

    public static JsonTypeInfo? Find(string type) => ByName.GetValueOrDefault(type);

    public static IEnumerable<string> Names => ByName.Keys;

    private static FrozenDictionary<string, JsonTypeInfo> Build()
    {
        var json = AriJsonContext.Default;
        return new Dictionary<string, JsonTypeInfo>(StringComparer.Ordinal)
        {
            ["StasisStart"] = json.StasisStartEvent,
            ["StasisEnd"] = json.StasisEndEvent,
            ["ChannelCreated"] = json.ChannelCreatedEvent,
            ["ChannelStateChange"] = json.ChannelStateChangeEvent,
            ["ChannelDtmfReceived"] = json.ChannelDtmfReceivedEvent,
            ["ChannelHangupRequest"] = json.ChannelHangupRequestEvent,
            ["ChannelDestroyed"] = json.ChannelDestroyedEvent,
            ["ChannelVarset"] = json.ChannelVarsetEvent,
            ["ChannelCallerId"] = json.ChannelCallerIdEvent,
            ["ChannelDialplan"] = json.ChannelDialplanEvent,
            ["ChannelHold"] = json.ChannelHoldEvent,
            ["ChannelUnhold"] = json.ChannelUnholdEvent,
            ["ChannelTalkingStarted"] = json.ChannelTalkingStartedEvent,
            ["ChannelTalkingFinished"] = json.ChannelTalkingFinishedEvent,
            ["ChannelUserevent"] = json.ChannelUsereventEvent,
            ["Dial"] = json.DialEvent,
            ["BridgeCreated"] = json.BridgeCreatedEvent,
            ["BridgeDestroyed"] = json.BridgeDestroyedEvent,
            ["ChannelEnteredBridge"] = json.ChannelEnteredBridgeEvent,
            ["ChannelLeftBridge"] = json.ChannelLeftBridgeEvent,
            ["PlaybackStarted"] = json.PlaybackStartedEvent,
            ["PlaybackContinuing"] = json.PlaybackContinuingEvent,
            ["PlaybackFinished"] = json.PlaybackFinishedEvent,
            ["RecordingStarted"] = json.RecordingStartedEvent,
            ["RecordingFinished"] = json.RecordingFinishedEvent,
            ["RecordingFailed"] = json.RecordingFailedEvent,
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
