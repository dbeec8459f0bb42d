namespace BotPbx.Asterisk.Ari;

/// <summary>POST /channels: dial <see cref="Endpoint"/> and send it either into a Stasis application
/// (<see cref="App"/>) or into the dialplan (<see cref="Context"/>/<see cref="Extension"/>/<see cref="Priority"/>).</summary>
public sealed record OriginateRequest
{
    /// <summary>e.g. <c>PJSIP/1002</c> or <c>Local/608@from-internal</c>.</summary>
    public required string Endpoint { get; init; }

    public string? Extension { get; init; }

    public string? Context { get; init; }

    public long? Priority { get; init; }

    public string? Label { get; init; }

    /// <summary>The Stasis application; the channel's StasisStart then carries <see cref="AppArgs"/>.</summary>
    public string? App { get; init; }

    public IReadOnlyList<string>? AppArgs { get; init; }

    /// <summary><c>"Name" &lt;number&gt;</c>.</summary>
    public string? CallerId { get; init; }

    /// <summary>Seconds to wait for an answer (ARI default 30).</summary>
    public int? Timeout { get; init; }

    public string? ChannelId { get; init; }

    public string? OtherChannelId { get; init; }

    public string? Originator { get; init; }

    /// <summary>Comma-separated codecs, e.g. <c>ulaw,alaw</c>.</summary>
    public string? Formats { get; init; }

    /// <summary>Sent in the JSON body, never in the URL.</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }
}

/// <summary>POST /channels/externalMedia: a channel whose audio goes to/from <see cref="ExternalHost"/>.</summary>
public sealed record ExternalMediaRequest
{
    /// <summary>The Stasis application the new channel enters.</summary>
    public required string App { get; init; }

    /// <summary><c>host:port</c>, e.g. <c>127.0.0.1:9092</c>.</summary>
    public required string ExternalHost { get; init; }

    /// <summary>Asterisk codec name: <c>slin</c> (8 kHz), <c>slin16</c> (AudioSocket kind 0x12), <c>ulaw</c>…</summary>
    public required string Format { get; init; }

    public ExternalMediaEncapsulation Encapsulation { get; init; } = ExternalMediaEncapsulation.Rtp;

    public ExternalMediaTransport Transport { get; init; } = ExternalMediaTransport.Udp;

    public string? ChannelId { get; init; }

    /// <summary>For AudioSocket: the UUID Asterisk sends in the first frame (fixture audiosocket-ari-externalmedia).</summary>
    public string? Data { get; init; }

    /// <summary>both (default), in, out.</summary>
    public string? Direction { get; init; }

    /// <summary>client (default) or server (for websocket transport).</summary>
    public string? ConnectionType { get; init; }

    public IReadOnlyDictionary<string, string>? Variables { get; init; }
}

public enum ExternalMediaEncapsulation
{
    Rtp,
    AudioSocket,
}

public enum ExternalMediaTransport
{
    Udp,
    Tcp,
}

/// <summary>POST /channels/{id}/snoop.</summary>
public sealed record SnoopRequest
{
    /// <summary>The Stasis application the snoop channel enters.</summary>
    public required string App { get; init; }

    public SnoopDirection Spy { get; init; } = SnoopDirection.None;

    public SnoopDirection Whisper { get; init; } = SnoopDirection.None;

    public string? AppArgs { get; init; }

    public string? SnoopId { get; init; }
}

public enum SnoopDirection
{
    None,
    Both,
    Out,
    In,
}

/// <summary>POST /channels/{id}/record and POST /bridges/{id}/record.</summary>
public sealed record RecordRequest
{
    /// <summary>The recording's name (also its file name under Asterisk's recording directory).</summary>
    public required string Name { get; init; }

    /// <summary>e.g. <c>wav</c>, <c>gsm</c>.</summary>
    public required string Format { get; init; }

    public int? MaxDurationSeconds { get; init; }

    public int? MaxSilenceSeconds { get; init; }

    /// <summary>fail (default), overwrite, append.</summary>
    public string? IfExists { get; init; }

    public bool? Beep { get; init; }

    /// <summary>none (default), any, *, #.</summary>
    public string? TerminateOn { get; init; }
}

/// <summary>Media for POST …/play: one or more URIs (<c>sound:beep</c>, <c>recording:x</c>, <c>tone:ring</c>…).</summary>
public sealed record PlayRequest
{
    public required IReadOnlyList<string> Media { get; init; }

    public string? Language { get; init; }

    public int? OffsetMs { get; init; }

    public int? SkipMs { get; init; }

    /// <summary>Choose the playback id up front, so its events can be matched before the REST answer arrives.</summary>
    public string? PlaybackId { get; init; }

    internal AriPath AppendTo(AriPath path) => path
        .QueryList("media", Media)
        .Query("lang", Language)
        .Query("offsetms", OffsetMs)
        .Query("skipms", SkipMs)
        .Query("playbackId", PlaybackId);
}

public enum MuteDirection
{
    Both,
    In,
    Out,
}

public enum PlaybackOperation
{
    Restart,
    Pause,
    Unpause,
    Reverse,
    Forward,
}

/// <summary>The wire spelling of each enum, in one place.</summary>
internal static class AriWire
{
    public static string Of(ExternalMediaEncapsulation value) => value switch
    {
        ExternalMediaEncapsulation.AudioSocket => "audiosocket",
        _ => "rtp",
    };

    public static string Of(ExternalMediaTransport value) => value == ExternalMediaTransport.Tcp ? "tcp" : "udp";

    public static string Of(SnoopDirection value) => value switch
    {
        SnoopDirection.Both => "both",
        SnoopDirection.Out => "out",
        SnoopDirection.In => "in",
        _ => "none",
    };

    public static string Of(MuteDirection value) => value switch
    {
        MuteDirection.In => "in",
        MuteDirection.Out => "out",
        _ => "both",
    };

    public static string Of(PlaybackOperation value) => value switch
    {
        PlaybackOperation.Restart => "restart",
        PlaybackOperation.Pause => "pause",
        PlaybackOperation.Unpause => "unpause",
        PlaybackOperation.Reverse => "reverse",
        _ => "forward",
    };
}
