using System.Net;
using System.Net.Sockets;
using System.Text;
using BotPbx.Telephony.Rendering;

namespace BotPbx.Telephony.Security;

/// <summary>
/// The banned addresses as a res_pjsip_acl ACL: one <c>type=acl</c> section with a <c>deny=</c> line per address.
/// With only deny rules every other address is permitted (Asterisk's ACL default is allow), and res_pjsip_acl answers
/// a denied request with a stateless 403 before any endpoint lookup or authentication (res/res_pjsip_acl.c).
/// The file lives beside, not in, the botpbx/ directory an apply swaps (<see cref="RelativePath"/>), and the base
/// pjsip.conf <c>#tryinclude</c>s it, so a ban takes effect without the administrator's pending changes and an apply
/// keeps it. Asterisk reads it on <c>module reload res_pjsip.so</c> (res_pjsip_acl itself has no reload; verified on
/// Debian's Asterisk 22.10.1: a deny added to, and removed from, the included file after start-up takes effect).
/// </summary>
public static class PjsipBanFile
{
    /// <summary>Relative to ASTERISK_CONFIG_DIR, as the base pjsip.conf includes it.</summary>
    public const string RelativePath = "botpbx-runtime/pjsip_bans.conf";

    public const string SectionName = "botpbx-bans";

    /// <summary>The module whose reload re-reads the ACL.</summary>
    public const string ReloadModule = "res_pjsip.so";

    /// <summary>
    /// The file's text for these addresses (sorted, one <c>deny=</c> each as /32 or /128). No addresses → no section,
    /// so Asterisk holds no ACL at all. Every value is an <see cref="IPAddress"/>'s own text, checked again by
    /// <see cref="ConfSafety"/>: a malformed ACL line makes res_pjsip_acl deny ALL SIP traffic.
    /// </summary>
    public static string Render(IEnumerable<IPAddress> banned)
    {
        ArgumentNullException.ThrowIfNull(banned);
        var text = new StringBuilder();
        text.Append(ConfFile.HeaderLine).Append('\n');
        text.Append("; SIP addresses banned for repeated failed requests. Lift a ban in BotPBX (Security → SIP bans).\n");
        var addresses = banned.Select(FailureTracker.Normalize).Distinct()
            .OrderBy(a => a.AddressFamily).ThenBy(a => a.GetAddressBytes(), ByteOrder.Instance).ToList();
        if (addresses.Count == 0) return text.ToString();
        ConfSafety.EnsureSectionName(SectionName);
        text.Append('\n').Append('[').Append(SectionName).Append("]\n").Append("type=acl\n");
        foreach (var address in addresses)
        {
            var value = address + (address.AddressFamily == AddressFamily.InterNetwork ? "/32" : "/128");
            ConfSafety.EnsureValue(value);
            text.Append("deny=").Append(value).Append('\n');
        }
        return text.ToString();
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
