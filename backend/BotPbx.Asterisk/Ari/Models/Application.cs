using System.Text.Json;
using System.Text.Json.Serialization;

namespace BotPbx.Asterisk.Ari;

/// <summary>A Stasis application and what it is subscribed to (ARI Application).</summary>
public sealed record Application
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    [JsonPropertyName("channel_ids")] public IReadOnlyList<string> ChannelIds { get; init; } = [];

    [JsonPropertyName("bridge_ids")] public IReadOnlyList<string> BridgeIds { get; init; } = [];

    [JsonPropertyName("endpoint_ids")] public IReadOnlyList<string> EndpointIds { get; init; } = [];

    [JsonPropertyName("device_names")] public IReadOnlyList<string> DeviceNames { get; init; } = [];

    /// <summary>Event filter objects, kept as JSON (their shape is free-form in ARI).</summary>
    [JsonPropertyName("events_allowed")] public IReadOnlyList<JsonElement> EventsAllowed { get; init; } = [];

    [JsonPropertyName("events_disallowed")] public IReadOnlyList<JsonElement> EventsDisallowed { get; init; } = [];
}
