namespace BotPbx.Telephony.Model;

/// <summary>Server-wide SIP and media settings: transports (incl. WSS for WebRTC), NAT and RTP.</summary>
public sealed record SipSettings
{
    public string BindAddress { get; init; } = "0.0.0.0";
    public int UdpPort { get; init; } = 5060;
    /// <summary>0 = no TCP transport.</summary>
    public int TcpPort { get; init; } = 5060;
    /// <summary>0 = no TLS transport.</summary>
    public int TlsPort { get; init; }
    /// <summary>Port of Asterisk's HTTPS server that carries SIP over secure WebSocket (/ws); 0 = no WebRTC.</summary>
    public int WssPort { get; init; } = 8089;
    public string TlsCertFile { get; init; } = "/etc/asterisk/keys/asterisk.pem";
    public string TlsKeyFile { get; init; } = "/etc/asterisk/keys/asterisk.key";
    /// <summary>Public address put in SIP headers / SDP when behind NAT; empty = none.</summary>
    public string ExternalSignalingAddress { get; init; } = "";
    public string ExternalMediaAddress { get; init; } = "";
    /// <summary>CIDRs considered local (no NAT rewriting).</summary>
    public IReadOnlyList<string> LocalNetworks { get; init; } = [];
    public int RtpStart { get; init; } = 10000;
    public int RtpEnd { get; init; } = 20000;
    /// <summary>host[:port] of a STUN server for ICE; empty = none.</summary>
    public string StunServer { get; init; } = "";
    /// <summary>Codecs offered by extensions, in order.</summary>
    public IReadOnlyList<string> ExtensionCodecs { get; init; } = ["opus", "g722", "ulaw", "alaw"];
}
