using System.Text.Json;
using System.Text.Json.Serialization;

namespace BotPbx.Asterisk.Ari;

public sealed class ChannelCreatedEvent : AriChannelEvent;

/// <summary>The channel's <see cref="Channel.State"/> changed, e.g. Ring → Up after answer.</summary>
public sealed class ChannelStateChangeEvent : AriChannelEvent;

/// <summary>A DTMF digit ended on the channel (RFC 2833 or SIP INFO).</summary>
public sealed class ChannelDtmfReceivedEvent : AriChannelEvent
{
    [JsonPropertyName("digit")] public string Digit { get; init; } = "";

    [JsonPropertyName("duration_ms")] public int DurationMs { get; init; }
}

/// <summary>A hang-up was requested. A REST DELETE gives <c>cause 32, soft true</c> (whatever reason_code was
/// sent); a caller's BYE gives <c>cause 16</c> and no <c>soft</c> (fixture ari-stasis-call-websocket).</summary>
public sealed class ChannelHangupRequestEvent : AriChannelEvent
{
    [JsonPropertyName("cause")] public int? Cause { get; init; }

    [JsonPropertyName("soft")] public bool? Soft { get; init; }
}

public sealed class ChannelDestroyedEvent : AriChannelEvent
{
    /// <summary>Q.850 cause, e.g. 16 Normal Clearing.</summary>
    [JsonPropertyName("cause")] public int Cause { get; init; }

    [JsonPropertyName("cause_txt")] public string CauseText { get; init; } = "";
}

/// <summary>A channel variable was set. <see cref="Channel"/> is null for a global variable. Asterisk puts
/// <c>variable</c> and <c>value</c> before <c>type</c> in this event.</summary>
public sealed class ChannelVarsetEvent : AriEvent
{
    [JsonPropertyName("variable")] public string Variable { get; init; } = "";

    [JsonPropertyName("value")] public string Value { get; init; } = "";

    [JsonPropertyName("channel")] public Channel? Channel { get; init; }
}

public sealed class ChannelCallerIdEvent : AriChannelEvent
{
    [JsonPropertyName("caller_presentation")] public int CallerPresentation { get; init; }

    [JsonPropertyName("caller_presentation_txt")] public string CallerPresentationText { get; init; } = "";
}

public sealed class ChannelDialplanEvent : AriChannelEvent
{
    [JsonPropertyName("dialplan_app")] public string DialplanApp { get; init; } = "";

    [JsonPropertyName("dialplan_app_data")] public string DialplanAppData { get; init; } = "";
}

public sealed class ChannelHoldEvent : AriChannelEvent
{
    [JsonPropertyName("musicclass")] public string? MusicClass { get; init; }
}

public sealed class ChannelUnholdEvent : AriChannelEvent;

/// <summary>Talk detection (TALK_DETECT set on the channel) saw speech start.</summary>
public sealed class ChannelTalkingStartedEvent : AriChannelEvent;

public sealed class ChannelTalkingFinishedEvent : AriChannelEvent
{
    /// <summary>How long the speech lasted, in milliseconds.</summary>
    [JsonPropertyName("duration")] public int Duration { get; init; }
}

/// <summary><c>UserEvent()</c> from the dialplan, or POST /events/user.</summary>
public sealed class ChannelUsereventEvent : AriEvent
{
    [JsonPropertyName("eventname")] public string EventName { get; init; } = "";

    [JsonPropertyName("channel")] public Channel? Channel { get; init; }

    [JsonPropertyName("bridge")] public Bridge? Bridge { get; init; }

    [JsonPropertyName("userevent")] public JsonElement UserEvent { get; init; }
}

/// <summary>Dial progress. externalMedia channels produce two of these (dialstatus "" then ANSWER).</summary>
public sealed class DialEvent : AriEvent
{
    [JsonPropertyName("caller")] public Channel? Caller { get; init; }

    [JsonPropertyName("peer")] public Channel Peer { get; init; } = new();

    [JsonPropertyName("forward")] public string? Forward { get; init; }

    [JsonPropertyName("forwarded")] public Channel? Forwarded { get; init; }

    [JsonPropertyName("dialstring")] public string? DialString { get; init; }

    /// <summary>Empty while dialing, then ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL…</summary>
    [JsonPropertyName("dialstatus")] public string DialStatus { get; init; } = "";
}
