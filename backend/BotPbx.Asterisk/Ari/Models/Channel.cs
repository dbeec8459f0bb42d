using System.Text.Json.Serialization;

namespace BotPbx.Asterisk.Ari;

/// <summary>ARI's Channel model, as in GET /channels/{id} and every channel event.</summary>
public sealed record Channel
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    /// <summary>e.g. <c>PJSIP/1001-0000001b</c>, <c>Snoop/…</c>, <c>AudioSocket/127.0.0.1:9092-&lt;uuid&gt;</c>.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    /// <summary>Asterisk's state text: Down, Rsrvd, OffHook, Dialing, Ring, Ringing, Up, Busy, Dialing Offhook,
    /// Pre-ring, Unknown. Kept as text because one value contains a space. See <see cref="ChannelStates"/>.</summary>
    [JsonPropertyName("state")] public string State { get; init; } = "";

    /// <summary>The SIP Call-ID for PJSIP channels; empty for Local, Snoop and external media channels.</summary>
    [JsonPropertyName("protocol_id")] public string? ProtocolId { get; init; }

    [JsonPropertyName("caller")] public CallerId Caller { get; init; } = new();

    [JsonPropertyName("connected")] public CallerId Connected { get; init; } = new();

    [JsonPropertyName("accountcode")] public string AccountCode { get; init; } = "";

    [JsonPropertyName("dialplan")] public DialplanCep Dialplan { get; init; } = new();

    [JsonPropertyName("creationtime")] public DateTimeOffset CreationTime { get; init; }

    [JsonPropertyName("language")] public string Language { get; init; } = "";

    /// <summary>Only present when ari.conf / the originate asked for channel variables.</summary>
    [JsonPropertyName("channelvars")] public IReadOnlyDictionary<string, string>? ChannelVars { get; init; }

    [JsonPropertyName("caller_rdnis")] public string? CallerRdnis { get; init; }
}

/// <summary>The channel state texts Asterisk sends (ast_state2str).</summary>
public static class ChannelStates
{
    public const string Down = "Down";
    public const string Ring = "Ring";
    public const string Ringing = "Ringing";
    public const string Up = "Up";
    public const string Busy = "Busy";
}

/// <summary>A caller id as ARI sends it (<c>{"name":"Test 1001","number":"1001"}</c>).</summary>
public sealed record CallerId
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    [JsonPropertyName("number")] public string Number { get; init; } = "";
}

/// <summary>Where a channel is in the dialplan: context, extension, priority, and the running application.</summary>
public sealed record DialplanCep
{
    [JsonPropertyName("context")] public string Context { get; init; } = "";

    [JsonPropertyName("exten")] public string Exten { get; init; } = "";

    [JsonPropertyName("priority")] public long Priority { get; init; }

    [JsonPropertyName("app_name")] public string? AppName { get; init; }

    [JsonPropertyName("app_data")] public string? AppData { get; init; }
}
