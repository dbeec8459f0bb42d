using System.Text.Json.Serialization;

namespace BotPbx.Asterisk.Ari;

/// <summary>GET /asterisk/info (fixture ari-asterisk-info).</summary>
public sealed record AsteriskInfo
{
    [JsonPropertyName("build")] public AsteriskBuildInfo? Build { get; init; }

    [JsonPropertyName("system")] public AsteriskSystemInfo? System { get; init; }

    [JsonPropertyName("config")] public AsteriskConfigInfo? Config { get; init; }

    [JsonPropertyName("status")] public AsteriskStatusInfo? Status { get; init; }
}

public sealed record AsteriskBuildInfo
{
    [JsonPropertyName("os")] public string Os { get; init; } = "";

    [JsonPropertyName("kernel")] public string Kernel { get; init; } = "";

    [JsonPropertyName("machine")] public string Machine { get; init; } = "";

    [JsonPropertyName("options")] public string Options { get; init; } = "";

    /// <summary>Free text such as <c>2026-11-21 05:21:25 UTC</c>, not an ARI timestamp.</summary>
    [JsonPropertyName("date")] public string Date { get; init; } = "";

    [JsonPropertyName("user")] public string User { get; init; } = "";
}

public sealed record AsteriskSystemInfo
{
    [JsonPropertyName("version")] public string Version { get; init; } = "";

    [JsonPropertyName("entity_id")] public string EntityId { get; init; } = "";
}

public sealed record AsteriskConfigInfo
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    [JsonPropertyName("default_language")] public string DefaultLanguage { get; init; } = "";

    [JsonPropertyName("max_channels")] public int? MaxChannels { get; init; }

    [JsonPropertyName("max_open_files")] public int? MaxOpenFiles { get; init; }

    [JsonPropertyName("max_load")] public double? MaxLoad { get; init; }

    [JsonPropertyName("setid")] public AsteriskSetId? SetId { get; init; }
}

public sealed record AsteriskSetId
{
    [JsonPropertyName("user")] public string User { get; init; } = "";

    [JsonPropertyName("group")] public string Group { get; init; } = "";
}

public sealed record AsteriskStatusInfo
{
    [JsonPropertyName("startup_time")] public DateTimeOffset StartupTime { get; init; }

    [JsonPropertyName("last_reload_time")] public DateTimeOffset LastReloadTime { get; init; }
}

/// <summary>GET /asterisk/ping: <c>{"ping":"pong","timestamp":…,"asterisk_id":…}</c>.</summary>
public sealed record AsteriskPing
{
    [JsonPropertyName("ping")] public string Ping { get; init; } = "";

    [JsonPropertyName("timestamp")] public DateTimeOffset Timestamp { get; init; }

    [JsonPropertyName("asterisk_id")] public string AsteriskId { get; init; } = "";
}

/// <summary>GET /channels/{id}/variable: <c>{"value":"1001"}</c>.</summary>
public sealed record ChannelVariable
{
    [JsonPropertyName("value")] public string Value { get; init; } = "";
}
