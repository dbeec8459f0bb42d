using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Rendering;

/// <summary>
/// pjsip.conf: transports, then endpoint + auth + aor per extension, then registration + auth + aor + endpoint +
/// identify per trunk. Objects of different types share a section name, which res_pjsip's sorcery allows.
/// </summary>
internal static class PjsipRenderer
{
    public static ConfFile Render(RenderIndex index)
    {
        var file = new ConfFile("pjsip.conf");
        RenderTransports(file, index.Configuration.Sip, index.Extensions.Any(BrowserPhones.Has));
        foreach (var extension in index.Extensions)
        {
            RenderExtension(file, extension, index.Configuration.Sip);
            if (BrowserPhones.Has(extension)) RenderBrowserPhone(file, extension, index.Configuration.Sip);
        }
        foreach (var trunk in index.Trunks.Where(t => t.Enabled)) RenderTrunk(file, trunk);
        return file;
    }

    private static void RenderTransports(ConfFile file, SipSettings sip, bool renderWs)
    {
        Transport(file, "transport-udp", "udp", sip.BindAddress + ":" + RenderIndex.Num(sip.UdpPort), sip);
        if (sip.TcpPort != 0)
            Transport(file, "transport-tcp", "tcp", sip.BindAddress + ":" + RenderIndex.Num(sip.TcpPort), sip);
        if (sip.TlsPort != 0)
        {
            Transport(file, "transport-tls", "tls", sip.BindAddress + ":" + RenderIndex.Num(sip.TlsPort), sip);
            file.Set("cert_file", sip.TlsCertFile).Set("priv_key_file", sip.TlsKeyFile).Set("method", "tlsv1_2");
        }
        if (sip.WssPort != 0)
        {
            // WebSocket transports ride on Asterisk's HTTP server (http.conf, path /ws); bind is required but unused.
            Transport(file, "transport-wss", "wss", "0.0.0.0", sip);
        }
        if (renderWs)
        {
            // Plain ws:// reaches /ws only through the loopback HTTP listener (http.conf binds it to 127.0.0.1): for a
            // reverse proxy on this machine that ends TLS itself, and for the loopback tests (docs/webrtc.md).
            Transport(file, "transport-ws", "ws", "0.0.0.0", sip);
        }
    }

    private static void Transport(ConfFile file, string name, string protocol, string bind, SipSettings sip)
    {
        file.Section(name).Set("type", "transport").Set("protocol", protocol).Set("bind", bind);
        file.SetIfAny("external_media_address", sip.ExternalMediaAddress);
        file.SetIfAny("external_signaling_address", sip.ExternalSignalingAddress);
        foreach (var net in sip.LocalNetworks.Order(StringComparer.Ordinal)) file.Set("local_net", net);
    }

    private static void RenderExtension(ConfFile file, Extension e, SipSettings sip)
    {
        var id = e.Number;
        file.Section(id, "extension " + id).Set("type", "endpoint")
            .Set("context", DialplanContexts.Internal)
            .Set("disallow", "all").Set("allow", string.Join(',', sip.ExtensionCodecs))
            .Set("auth", id).Set("aors", id)
            // Phones are found by the From user (the endpoint name is the number) and must then pass the digest challenge.
            .Set("identify_by", "username")
            .Set("callerid", "\"" + e.Name + "\" <" + id + ">")
            .Set("dtmf_mode", "rfc4733")
            .Set("direct_media", false).Set("rtp_symmetric", true).Set("force_rport", true).Set("rewrite_contact", true);
        if (e.Voicemail.Enabled) file.Set("mailboxes", id + "@" + DialplanContexts.Mailboxes);
        // Without call waiting a second call sees the device as busy (the dialplan checks DEVICE_STATE too).
        if (!e.CallWaiting) file.Set("device_state_busy_at", 1);
        // Inherited (__) so Local channels of follow-me and forwarding keep the extension's identity and permissions.
        file.Set("set_var", "__BOTPBX_EXT=" + id);
        file.Set("set_var", CallLogVariables.HangupHandlerSetVar);
        if (e.OutboundCallerId.Length > 0) file.Set("set_var", "__BOTPBX_OUTCID=" + e.OutboundCallerId);
        if (e.Recording == RecordingPolicy.Always) file.Set("set_var", "__BOTPBX_RECORD=always");

        file.Section(id).Set("type", "auth").Set("auth_type", "userpass").Set("username", id).Set("password", e.Secret);
        file.Section(id).Set("type", "aor").Set("max_contacts", e.MaxDevices).Set("remove_existing", true)
            .Set("qualify_frequency", 60);
    }

    /// <summary>
    /// The extension's browser phone: its own endpoint, auth and aor (<c>&lt;number&gt;-webrtc</c>) so desk phones keep
    /// plain RTP while the browser gets <c>webrtc=yes</c> (DTLS-SRTP with a certificate Asterisk generates, ICE, AVPF,
    /// rtcp-mux: res_pjsip's "webrtc" option), and so the browser's password is not the desk phones' secret. It dials
    /// from the same context with the same identity (caller ID, BOTPBX_EXT) as the extension.
    /// </summary>
    private static void RenderBrowserPhone(ConfFile file, Extension e, SipSettings sip)
    {
        var id = BrowserPhones.Endpoint(e.Number);
        file.Section(id, "browser phone of extension " + e.Number).Set("type", "endpoint")
            .Set("context", DialplanContexts.Internal)
            .Set("disallow", "all").Set("allow", string.Join(',', sip.ExtensionCodecs))
            .Set("auth", id).Set("aors", id)
            .Set("identify_by", "username")
            .Set("callerid", "\"" + e.Name + "\" <" + e.Number + ">")
            .Set("dtmf_mode", "rfc4733")
            .Set("webrtc", true);
        if (e.Voicemail.Enabled) file.Set("mailboxes", e.Number + "@" + DialplanContexts.Mailboxes);
        file.Set("set_var", "__BOTPBX_EXT=" + e.Number);
        file.Set("set_var", CallLogVariables.HangupHandlerSetVar);
        if (e.OutboundCallerId.Length > 0) file.Set("set_var", "__BOTPBX_OUTCID=" + e.OutboundCallerId);
        if (e.Recording == RecordingPolicy.Always) file.Set("set_var", "__BOTPBX_RECORD=always");

        file.Section(id).Set("type", "auth").Set("auth_type", "userpass").Set("username", id).Set("password", e.WebRtcSecret);
        // A few tabs may hold the phone at once; the oldest gives way. No qualify: a closed tab unregisters or expires.
        file.Section(id).Set("type", "aor").Set("max_contacts", BrowserPhones.MaxTabs).Set("remove_existing", true)
            .Set("qualify_frequency", 0);
    }

    private static void RenderTrunk(ConfFile file, Trunk t)
    {
        var name = RenderIndex.TrunkSection(t.Id);
        var hostPort = t.Host + ":" + RenderIndex.Num(t.Port);
        // TCP/TLS must be named in the URI too, or pjsip resolves the target as UDP. ';' is escaped for the parser.
        var uriParams = t.Transport switch
        {
            SipTransport.Tcp => "\\;transport=tcp",
            SipTransport.Tls => "\\;transport=tls",
            _ => "",
        };
        var transport = t.Transport switch
        {
            SipTransport.Tcp => "transport-tcp",
            SipTransport.Tls => "transport-tls",
            _ => "transport-udp",
        };
        var hasAuth = t.Password.Length > 0;
        var proxy = t.OutboundProxy.Length > 0 ? "sip:" + t.OutboundProxy + "\\;lr" : "";

        if (t.Register)
        {
            file.Section(name, "trunk " + t.Name).Set("type", "registration").Set("transport", transport)
                .Set("server_uri", "sip:" + hostPort + uriParams)
                .Set("client_uri", "sip:" + t.Username + "@" + hostPort + uriParams)
                .Set("contact_user", t.Username)
                .Set("retry_interval", 60).Set("forbidden_retry_interval", 600).Set("expiration", 3600)
                .Set("line", true).Set("endpoint", name);
            if (hasAuth) file.Set("outbound_auth", name);
            file.SetIfAny("outbound_proxy", proxy);
        }
        if (hasAuth)
        {
            file.Section(name).Set("type", "auth").Set("auth_type", "userpass")
                .Set("username", t.AuthUsername.Length > 0 ? t.AuthUsername : t.Username).Set("password", t.Password);
        }
        file.Section(name).Set("type", "aor").Set("contact", "sip:" + hostPort + uriParams)
            .Set("qualify_frequency", t.Qualify ? t.QualifySeconds : 0);

        file.Section(name).Set("type", "endpoint").Set("transport", transport)
            .Set("context", RenderIndex.TrunkContext(t.Id))
            .Set("disallow", "all").Set("allow", string.Join(',', t.Codecs))
            .Set("aors", name)
            // Only the identify section below (source address) may select a trunk. res_pjsip's "username" identifier looks
            // the From user up as an endpoint NAME (res_pjsip_endpoint_identifier_user.c, username_identify/find_endpoint),
            // so "From: <sip:botpbx-trunk-1@...>" from anywhere used to land in this endpoint's context without a challenge.
            // That identifier skips endpoints whose identify_by lacks "username" ("Endpoint found for '%s' but 'username'
            // method not supported"), so identify_by=ip makes the trunk unmatchable by name, however guessable the name is;
            // renaming the sections to random names would only hide them and would break the AMI look-ups by name.
            .Set("identify_by", "ip")
            .Set("dtmf_mode", DtmfValue(t.DtmfMode))
            .Set("direct_media", t.DirectMedia).Set("force_rport", t.ForceRport).Set("rewrite_contact", t.RewriteContact)
            .Set("rtp_symmetric", true)
            .Set("set_var", CallLogVariables.HangupHandlerSetVar);
        if (hasAuth) file.Set("outbound_auth", name);
        file.SetIfAny("outbound_proxy", proxy);
        file.SetIfAny("from_user", t.FromUser);
        file.SetIfAny("from_domain", t.FromDomain);
        if (t.T38) file.Set("t38_udptl", true).Set("t38_udptl_ec", "redundancy").Set("t38_udptl_nat", true);

        // Inbound calls are matched to the trunk by source address; with none given, the provider host is used.
        var matches = t.InboundMatch.Count > 0 ? t.InboundMatch.Order(StringComparer.Ordinal).ToList() : [t.Host];
        file.Section(name).Set("type", "identify").Set("endpoint", name);
        foreach (var match in matches) file.Set("match", match);
    }

    private static string DtmfValue(DtmfMode mode) => mode switch
    {
        DtmfMode.Inband => "inband",
        DtmfMode.Info => "info",
        DtmfMode.Auto => "auto",
        _ => "rfc4733",
    };
}
