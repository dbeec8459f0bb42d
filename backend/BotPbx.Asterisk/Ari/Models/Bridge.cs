using System.Text.Json.Serialization;

namespace BotPbx.Asterisk.Ari;

/// <summary>ARI's Bridge model.</summary>
public sealed record Bridge
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    /// <summary>e.g. <c>simple_bridge</c>, <c>softmix</c>.</summary>
    [JsonPropertyName("technology")] public string Technology { get; init; } = "";

    /// <summary>mixing, holding, dtmf_events, proxy_media, video_sfu, video_single.</summary>
    [JsonPropertyName("bridge_type")] public string BridgeType { get; init; } = "";

    [JsonPropertyName("bridge_class")] public string BridgeClass { get; init; } = "";

    [JsonPropertyName("creator")] public string Creator { get; init; } = "";

    [JsonPropertyName("name")] public string Name { get; init; } = "";

    [JsonPropertyName("channels")] public IReadOnlyList<string> Channels { get; init; } = [];

    [JsonPropertyName("creationtime")] public DateTimeOffset CreationTime { get; init; }

    [JsonPropertyName("video_mode")] public string? VideoMode { get; init; }

    [JsonPropertyName("video_source_id")] public string? VideoSourceId { get; init; }
}
