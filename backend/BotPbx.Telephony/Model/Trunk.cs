using System.Text.Json.Serialization;

namespace BotPbx.Telephony.Model;

[JsonConverter(typeof(JsonStringEnumConverter<SipTransport>))]
public enum SipTransport
{
    [JsonStringEnumMemberName("udp")] Udp,
    [JsonStringEnumMemberName("tcp")] Tcp,
    [JsonStringEnumMemberName("tls")] Tls,
}

[JsonConverter(typeof(JsonStringEnumConverter<DtmfMode>))]
public enum DtmfMode
{
    [JsonStringEnumMemberName("rfc4733")] Rfc4733,
    [JsonStringEnumMemberName("inband")] Inband,
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("auto")] Auto,
}

public sealed record Trunk
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    /// <summary>Which preset the form started from (twilio, telnyx, voipms, custom); informational.</summary>
    public string Provider { get; init; } = "custom";
    public string Host { get; init; } = "";
    public int Port { get; init; } = 5060;
    public SipTransport Transport { get; init; } = SipTransport.Udp;
    public bool Register { get; init; }
    public string Username { get; init; } = "";
    /// <summary>Authentication user when it differs from <see cref="Username"/>.</summary>
    public string AuthUsername { get; init; } = "";
    public string Password { get; init; } = "";
    public string OutboundProxy { get; init; } = "";
    public IReadOnlyList<string> Codecs { get; init; } = ["ulaw", "alaw"];
    public DtmfMode DtmfMode { get; init; } = DtmfMode.Rfc4733;
    public bool Qualify { get; init; } = true;
    public int QualifySeconds { get; init; } = 60;
    public bool DirectMedia { get; init; }
    public bool ForceRport { get; init; } = true;
    public bool RewriteContact { get; init; } = true;
    public bool T38 { get; init; }
    public string FromUser { get; init; } = "";
    public string FromDomain { get; init; } = "";
    /// <summary>Where inbound calls from this provider come from: IPs, CIDRs or host names (pjsip identify <c>match</c>).</summary>
    public IReadOnlyList<string> InboundMatch { get; init; } = [];
    public bool Enabled { get; init; } = true;
}
