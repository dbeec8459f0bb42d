using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Validation;

public static class SipSettingsValidator
{
    public static void Validate(SipSettings sip, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(sip);
        ArgumentNullException.ThrowIfNull(errors);
        Rules.IPv4.Check(errors, "bindAddress", sip.BindAddress);
        NumberRule.Check(errors, "udpPort", sip.UdpPort, 1, 65535);
        NumberRule.Check(errors, "tcpPort", sip.TcpPort, 0, 65535);
        NumberRule.Check(errors, "tlsPort", sip.TlsPort, 0, 65535);
        NumberRule.Check(errors, "wssPort", sip.WssPort, 0, 65535);
        if (sip.TlsPort != 0 && sip.TlsPort == sip.UdpPort) errors.Add("tlsPort", "must differ from udpPort");
        if (sip.TlsPort != 0 && sip.TlsPort == sip.TcpPort) errors.Add("tlsPort", "must differ from tcpPort");
        var needsCert = sip.TlsPort != 0 || sip.WssPort != 0;
        Rules.FilePath.Check(errors, "tlsCertFile", sip.TlsCertFile, required: needsCert);
        Rules.FilePath.Check(errors, "tlsKeyFile", sip.TlsKeyFile, required: needsCert);
        Rules.Host.Check(errors, "externalSignalingAddress", sip.ExternalSignalingAddress, required: false);
        Rules.Host.Check(errors, "externalMediaAddress", sip.ExternalMediaAddress, required: false);
        var nets = Present.Check(errors, "localNetworks", sip.LocalNetworks) ? sip.LocalNetworks : [];
        if (nets.Count > 20) errors.Add("localNetworks", "may hold at most 20 networks");
        for (var i = 0; i < nets.Count; i++) Rules.Cidr.Check(errors.At("localNetworks", i), "", nets[i]);
        NumberRule.Check(errors, "rtpStart", sip.RtpStart, 1024, 65534);
        NumberRule.Check(errors, "rtpEnd", sip.RtpEnd, 1025, 65535);
        if (sip.RtpEnd <= sip.RtpStart) errors.Add("rtpEnd", "must be greater than rtpStart");
        Rules.HostPort.Check(errors, "stunServer", sip.StunServer, required: false);
        var codecs = Present.Check(errors, "extensionCodecs", sip.ExtensionCodecs) ? sip.ExtensionCodecs : [];
        if (codecs.Count == 0) errors.Add("extensionCodecs", "must name at least one codec");
        for (var i = 0; i < codecs.Count; i++) Rules.Codec.Check(errors.At("extensionCodecs", i), "", codecs[i]);
        if (codecs.Distinct(StringComparer.Ordinal).Count() != codecs.Count) errors.Add("extensionCodecs", "must not repeat a codec");
    }
}

public static class RenderOptionsValidator
{
    public static void Validate(RenderOptions options, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        Rules.FilePath.Check(errors, "mohRoot", options.MohRoot);
        Rules.FilePath.Check(errors, "recordingRoot", options.RecordingRoot);
        Rules.FilePath.Check(errors, "systemSoundsDirectory", options.SystemSoundsDirectory);
        Rules.SectionName.Check(errors, "amiUser", options.AmiUser);
        Rules.ServiceSecret.Check(errors, "amiSecret", options.AmiSecret);
        Rules.SectionName.Check(errors, "ariUser", options.AriUser);
        Rules.ServiceSecret.Check(errors, "ariSecret", options.AriSecret);
        NumberRule.Check(errors, "ariHttpPort", options.AriHttpPort, 1, 65535);
        Rules.Email.Check(errors, "voicemailFromAddress", options.VoicemailFromAddress, required: false);
        // agi://host:port: an IPv6 literal would need brackets, which no dialplan token may hold.
        Rules.IPv4.Check(errors, "agiHost", options.AgiHost);
        NumberRule.Check(errors, "agiPort", options.AgiPort, 1, 65535);
        if (options.CdrDatabase is { } cdr)
        {
            Rules.Host.Check(errors, "cdrDatabase.host", cdr.Host);
            NumberRule.Check(errors, "cdrDatabase.port", cdr.Port, 1, 65535);
            Rules.SqlIdentifier.Check(errors, "cdrDatabase.database", cdr.Database);
            Rules.SqlIdentifier.Check(errors, "cdrDatabase.user", cdr.User);
            Rules.ServiceSecret.Check(errors, "cdrDatabase.password", cdr.Password);
            Rules.SqlIdentifier.Check(errors, "cdrDatabase.table", cdr.Table);
        }
    }
}
