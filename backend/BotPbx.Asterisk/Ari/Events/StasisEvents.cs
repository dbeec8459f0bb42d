using System.Text.Json.Serialization;

namespace BotPbx.Asterisk.Ari;

/// <summary>A channel entered the application (<c>Stasis(app,arg1,arg two)</c>). Its state is <c>Ring</c> when
/// the dialplan did not answer first (fixture ari-stasis-call-websocket).</summary>
public sealed class StasisStartEvent : AriChannelEvent
{
    /// <summary>The Stasis() arguments after the application name, e.g. <c>["arg1","arg two"]</c>.</summary>
    [JsonPropertyName("args")] public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Set when the channel replaced another one in the application (a masquerade/transfer).</summary>
    [JsonPropertyName("replace_channel")] public Channel? ReplaceChannel { get; init; }
}

/// <summary>A channel left the application: hung up, or continued in the dialplan.</summary>
public sealed class StasisEndEvent : AriChannelEvent;
