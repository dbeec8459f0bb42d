namespace BotPbx.Asterisk.Ari;

/// <summary>An event type this client has no class for (e.g. <c>ChannelConnectedLine</c>,
/// <c>BridgeBlindTransfer</c>), or a known type whose body did not match its class. Nothing is lost: the
/// <see cref="RawJson"/> is the frame's text exactly as Asterisk sent it.</summary>
public sealed class AriUnknownEvent : AriEvent
{
    public string RawJson { get; init; } = "";

    /// <summary>Why a known type could not be decoded into its class; null for a type that simply is not known.</summary>
    public string? DecodeError { get; init; }
}
