using System.Text.Json.Serialization;

namespace BotPbx.Asterisk.Ari;

/// <summary>ARI's Playback model: a media being played to a channel or bridge.</summary>
public sealed record Playback
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    [JsonPropertyName("media_uri")] public string MediaUri { get; init; } = "";

    [JsonPropertyName("next_media_uri")] public string? NextMediaUri { get; init; }

    /// <summary><c>channel:&lt;id&gt;</c> or <c>bridge:&lt;id&gt;</c>.</summary>
    [JsonPropertyName("target_uri")] public string TargetUri { get; init; } = "";

    [JsonPropertyName("language")] public string? Language { get; init; }

    /// <summary>queued, playing, continuing, done, failed. A media with an unknown scheme is still answered
    /// 201 <c>queued</c> (fixture ari-stasis-call-rest), so wait for the events.</summary>
    [JsonPropertyName("state")] public string State { get; init; } = "";
}
