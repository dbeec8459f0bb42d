using System.Globalization;

namespace BotPbx.Telephony.Rendering;

/// <summary>Names BotPBX gives its objects inside Asterisk, for code that looks them up over AMI.</summary>
public static class AsteriskNames
{
    /// <summary>pjsip section of a trunk (its endpoint, auth, aor, registration and identify).</summary>
    public static string TrunkSection(long trunkId) => "botpbx-trunk-" + trunkId.ToString(CultureInfo.InvariantCulture);
}
