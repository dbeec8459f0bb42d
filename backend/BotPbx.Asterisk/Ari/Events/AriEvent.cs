using System.Text.Json.Serialization;

namespace BotPbx.Asterisk.Ari;

/// <summary>One message from the ARI event socket. Known types become their own class (see
/// <see cref="AriEventParser"/>); every other type arrives as <see cref="AriUnknownEvent"/> with its raw JSON.</summary>
public abstract class AriEvent
{
    /// <summary>The ARI event type, e.g. <c>StasisStart</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "";

    [JsonPropertyName("timestamp")] public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The Stasis application the event was delivered to.</summary>
    [JsonPropertyName("application")] public string Application { get; init; } = "";

    /// <summary>The Asterisk entity id (useful when several Asterisks share an application).</summary>
    [JsonPropertyName("asterisk_id")] public string? AsteriskId { get; init; }
}

/// <summary>An event about one channel.</summary>
public abstract class AriChannelEvent : AriEvent
{
    [JsonPropertyName("channel")] public Channel Channel { get; init; } = new();
}

/// <summary>An event about one bridge.</summary>
public abstract class AriBridgeEvent : AriEvent
{
    [JsonPropertyName("bridge")] public Bridge Bridge { get; init; } = new();
}

/// <summary>A channel entering or leaving a bridge.</summary>
public abstract class AriChannelBridgeEvent : AriChannelEvent
{
    [JsonPropertyName("bridge")] public Bridge Bridge { get; init; } = new();
}

/// <summary>An event about a playback.</summary>
public abstract class AriPlaybackEvent : AriEvent
{
    [JsonPropertyName("playback")] public Playback Playback { get; init; } = new();
}

/// <summary>An event about a live recording.</summary>
public abstract class AriRecordingEvent : AriEvent
{
    [JsonPropertyName("recording")] public LiveRecording Recording { get; init; } = new();
}
