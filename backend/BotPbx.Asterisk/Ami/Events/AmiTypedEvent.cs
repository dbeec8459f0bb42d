namespace BotPbx.Asterisk.Ami;

/// <summary>
/// Base of the typed views over an <see cref="AmiEvent"/>. A view decodes nothing up front: each property reads
/// the raw event, so wrapping is cheap and fields Asterisk adds later stay reachable through <see cref="Raw"/>.
/// </summary>
public abstract class AmiTypedEvent
{
    protected AmiTypedEvent(AmiEvent raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        Raw = raw;
    }

    public AmiEvent Raw { get; }

    public string Name => Raw.Name;

    protected string Text(string key) => Raw[key] ?? string.Empty;
}

/// <summary>The standard channel block (<c>Channel</c>, <c>ChannelState</c>, …, <c>Linkedid</c>), optionally with a prefix such as <c>Dest</c>.</summary>
public sealed record AmiChannelInfo(
    string Channel,
    int? ChannelState,
    string ChannelStateDesc,
    string CallerIdNum,
    string CallerIdName,
    string ConnectedLineNum,
    string ConnectedLineName,
    string Language,
    string AccountCode,
    string Context,
    string Exten,
    int? Priority,
    string Uniqueid,
    string Linkedid)
{
    public static AmiChannelInfo Read(AmiMessage message, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(message);
        string T(string key) => message[prefix + key] ?? string.Empty;
        return new AmiChannelInfo(T("Channel"), message.GetInt32(prefix + "ChannelState"), T("ChannelStateDesc"),
            T("CallerIDNum"), T("CallerIDName"), T("ConnectedLineNum"), T("ConnectedLineName"), T("Language"),
            T("AccountCode"), T("Context"), T("Exten"), message.GetInt32(prefix + "Priority"), T("Uniqueid"), T("Linkedid"));
    }
}

/// <summary>The bridge block of BridgeEnter/BridgeLeave and friends.</summary>
public sealed record AmiBridgeInfo(string Uniqueid, string Type, string Technology, string Creator, string Name, int? NumChannels)
{
    public static AmiBridgeInfo Read(AmiMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new AmiBridgeInfo(message["BridgeUniqueid"] ?? string.Empty, message["BridgeType"] ?? string.Empty,
            message["BridgeTechnology"] ?? string.Empty, message["BridgeCreator"] ?? string.Empty,
            message["BridgeName"] ?? string.Empty, message.GetInt32("BridgeNumChannels"));
    }
}

/// <summary>An event that starts with the channel block.</summary>
public abstract class AmiChannelEvent : AmiTypedEvent
{
    private AmiChannelInfo? _channel;

    protected AmiChannelEvent(AmiEvent raw) : base(raw)
    {
    }

    public AmiChannelInfo Channel => _channel ??= AmiChannelInfo.Read(Raw);

    public string Uniqueid => Text("Uniqueid");

    public string Linkedid => Text("Linkedid");
}
