using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Rendering;

/// <summary>
/// Names of the browser phone that an extension with WebRTC on gets beside its desk phones (docs/webrtc.md). The
/// endpoint, its auth (the SIP user the browser registers as) and its aor share one name, <c>&lt;number&gt;-webrtc</c>:
/// numbers are digits only, so it can never be another extension's or a trunk's name.
/// </summary>
public static class BrowserPhones
{
    public const string Suffix = "-webrtc";

    /// <summary>Browser tabs that may be registered at once; a further one replaces the oldest.</summary>
    public const int MaxTabs = 5;

    /// <summary>The context listing the extensions that have a browser phone (the dialplan checks it with DIALPLAN_EXISTS).</summary>
    public const string Context = "botpbx-webrtc";

    public static string Endpoint(string number) => number + Suffix;

    /// <summary>Rendered only once the API generated its password (the API does so whenever WebRTC is turned on).</summary>
    public static bool Has(Extension extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        return extension.WebRtc && extension.WebRtcSecret.Length > 0;
    }
}
