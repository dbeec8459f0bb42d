namespace BotPbx.Telephony.Rendering;

internal static class RtpRenderer
{
    /// <summary>rtp.conf: the media port range and ICE, which WebRTC endpoints need (DESIGN.md).</summary>
    public static ConfFile Render(RenderIndex index)
    {
        var sip = index.Configuration.Sip;
        var file = new ConfFile("rtp.conf");
        file.Section("general").Set("rtpstart", sip.RtpStart).Set("rtpend", sip.RtpEnd).Set("icesupport", true);
        file.SetIfAny("stunaddr", sip.StunServer);
        return file;
    }
}

internal static class ManagerRenderer
{
    /// <summary>manager.conf: the AMI user BotPBX logs in with, reachable from loopback only, with only the classes it uses.</summary>
    public static ConfFile Render(RenderIndex index)
    {
        var o = index.Options;
        var file = new ConfFile("manager.conf");
        file.Section(o.AmiUser).Set("secret", o.AmiSecret)
            .Set("deny", "0.0.0.0/0.0.0.0").Set("permit", "127.0.0.1/255.255.255.255")
            .Set("read", AmiPrivileges.Read).Set("write", AmiPrivileges.Write).Set("writetimeout", 5000);
        return file;
    }
}

internal static class AriRenderer
{
    /// <summary>
    /// ari.conf: the ARI user BotPBX connects as, usable from loopback only. Asterisk has one HTTP server whose URIs
    /// (/ari among them) are served on both its listeners (http.conf: "bindaddr — Address to bind to, both for HTTP and
    /// HTTPS"); with WSS on, the HTTPS listener is public, so ARI answers there too. The user's ACL (ari.conf
    /// <c>deny</c>/<c>permit</c>, Asterisk 22's res_ari user options) refuses every other source address, so the
    /// public TLS port gives no ARI access even with the password.
    /// </summary>
    public static ConfFile Render(RenderIndex index)
    {
        var o = index.Options;
        var file = new ConfFile("ari.conf");
        file.Section(o.AriUser).Set("type", "user").Set("read_only", false)
            .Set("password", o.AriSecret).Set("password_format", "plain")
            .Set("deny", "0.0.0.0/0.0.0.0").Set("permit", "127.0.0.1/255.255.255.255");
        return file;
    }
}

internal static class HttpRenderer
{
    /// <summary>
    /// http.conf: plain HTTP for ARI and its WebSocket on loopback only; HTTPS (for SIP over WSS from browsers) on
    /// the public bind address when WebRTC is on. Both listeners serve every registered URI (Asterisk cannot bind ARI
    /// to one of them), so ARI's own user ACL (<see cref="AriRenderer"/>) keeps it loopback-only on the public one.
    /// AMI over HTTP stays off (manager.conf has no webenabled), so the public listener carries only /ws and ARI refusals.
    /// </summary>
    public static ConfFile Render(RenderIndex index)
    {
        var sip = index.Configuration.Sip;
        var file = new ConfFile("http.conf");
        file.Section("general").Set("enabled", true).Set("bindaddr", "127.0.0.1").Set("bindport", index.Options.AriHttpPort);
        if (sip.WssPort != 0)
        {
            file.Set("tlsenable", true).Set("tlsbindaddr", sip.BindAddress + ":" + RenderIndex.Num(sip.WssPort))
                .Set("tlscertfile", sip.TlsCertFile).Set("tlsprivatekey", sip.TlsKeyFile);
        }
        else
        {
            file.Set("tlsenable", false);
        }
        return file;
    }
}
