using System.Text.Json.Serialization;

namespace BotPbx.Asterisk.Ari;

/// <summary>A recording in progress (ARI LiveRecording).</summary>
public sealed record LiveRecording
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    [JsonPropertyName("format")] public string Format { get; init; } = "";

    [JsonPropertyName("target_uri")] public string TargetUri { get; init; } = "";

    /// <summary>queued, recording, paused, done, failed, canceled.</summary>
    [JsonPropertyName("state")] public string State { get; init; } = "";

    /// <summary>Seconds recorded; present once the recording is done.</summary>
    [JsonPropertyName("duration")] public int? Duration { get; init; }

    [JsonPropertyName("talking_duration")] public int? TalkingDuration { get; init; }

    [JsonPropertyName("silence_duration")] public int? SilenceDuration { get; init; }

    /// <summary>Why it failed, when it did.</summary>
    [JsonPropertyName("cause")] public string? Cause { get; init; }
}

/// <summary>A finished recording kept by Asterisk (ARI StoredRecording).</summary>
public sealed record StoredRecording
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    [JsonPropertyName("format")] public string Format { get; init; } = "";
}
