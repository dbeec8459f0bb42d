using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Validation;

public static class TrunkValidator
{
    public static void Validate(Trunk trunk, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        ArgumentNullException.ThrowIfNull(errors);
        Rules.Name.Check(errors, "name", trunk.Name);
        Rules.Provider.Check(errors, "provider", trunk.Provider);
        Rules.Host.Check(errors, "host", trunk.Host);
        NumberRule.Check(errors, "port", trunk.Port, 1, 65535);
        if (!Enum.IsDefined(trunk.Transport)) errors.Add("transport", "must be udp, tcp or tls");
        if (!Enum.IsDefined(trunk.DtmfMode)) errors.Add("dtmfMode", "must be rfc4733, inband, info or auto");
        Rules.SipUser.Check(errors, "username", trunk.Username, required: trunk.Register);
        Rules.SipUser.Check(errors, "authUsername", trunk.AuthUsername, required: false);
        Rules.TrunkPassword.Check(errors, "password", trunk.Password, required: trunk.Register);
        if (!string.IsNullOrEmpty(trunk.Password) && string.IsNullOrEmpty(trunk.Username) && string.IsNullOrEmpty(trunk.AuthUsername))
            errors.Add("username", "is required when a password is set");
        Rules.HostPort.Check(errors, "outboundProxy", trunk.OutboundProxy, required: false);
        Rules.SipUser.Check(errors, "fromUser", trunk.FromUser, required: false);
        Rules.Host.Check(errors, "fromDomain", trunk.FromDomain, required: false);
        if (trunk.Qualify) NumberRule.Check(errors, "qualifySeconds", trunk.QualifySeconds, 10, 3600);

        var codecs = Present.Check(errors, "codecs", trunk.Codecs) ? trunk.Codecs : [];
        if (codecs.Count == 0) errors.Add("codecs", "must name at least one codec");
        for (var i = 0; i < codecs.Count; i++) Rules.Codec.Check(errors.At("codecs", i), "", codecs[i]);
        if (codecs.Distinct(StringComparer.Ordinal).Count() != codecs.Count) errors.Add("codecs", "must not repeat a codec");

        var match = Present.Check(errors, "inboundMatch", trunk.InboundMatch) ? trunk.InboundMatch : [];
        if (match.Count > 20) errors.Add("inboundMatch", "may hold at most 20 entries");
        for (var i = 0; i < match.Count; i++) Rules.MatchAddress.Check(errors.At("inboundMatch", i), "", match[i]);
    }
}
