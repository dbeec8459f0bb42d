namespace BotPbx.Telephony.Model;

/// <summary>A starting point for the trunk form; values follow the product manual's provider guides.</summary>
public sealed record TrunkPreset(string Id, string Label, Trunk Defaults, string Notes);

public static class TrunkPresets
{
    public static IReadOnlyList<TrunkPreset> All { get; } =
    [
        new("twilio", "Twilio",
            new Trunk
            {
                Provider = "twilio", Host = "example.sip.twilio.com", Port = 5060, Transport = SipTransport.Udp,
                Register = false, OutboundProxy = "sip.twilio.com", Codecs = ["ulaw", "alaw"],
            },
            "Host is your Twilio SIP domain (yourcompany.sip.twilio.com); use credential-list username/password or an IP ACL."),
        new("telnyx", "Telnyx",
            new Trunk
            {
                Provider = "telnyx", Host = "sip.telnyx.com", Port = 5060, Transport = SipTransport.Udp,
                Register = true, Codecs = ["opus", "ulaw", "alaw"],
            },
            "Use the SIP connection's credentials (authentication type: Credentials)."),
        new("voipms", "VoIP.ms",
            new Trunk
            {
                Provider = "voipms", Host = "atlanta.voip.ms", Port = 5060, Transport = SipTransport.Udp,
                Register = true, Codecs = ["ulaw", "g729"],
            },
            "Host is your nearest VoIP.ms server; username is the sub-account."),
        new("custom", "Custom SIP provider",
            new Trunk
            {
                Provider = "custom", Host = "sip.provider.com", Port = 5060, Transport = SipTransport.Udp,
                Register = true, Codecs = ["opus", "g722", "ulaw", "alaw"],
            },
            "Any standard SIP provider."),
    ];
}
