using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace BotPbx.Telephony.Security;

/// <summary>
/// Strict parsing of the addresses and CIDR ranges an administrator types into the SIP allow-list. Strict because a
/// value ends up in decisions about who may reach Asterisk: <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>
/// alone accepts "10" (= 0.0.0.10), "1.2.3" and hex or octal parts, and <see cref="IPNetwork"/> accepts whatever that
/// accepts. Here IPv4 is four decimal parts without leading zeros, IPv6 has no zone and no brackets, and a range may
/// not have host bits set ("10.0.0.1/8" is refused, naming 10.0.0.0/8), so what is shown is what is enforced.
/// </summary>
public static partial class AddressRange
{
    [GeneratedRegex(@"\A(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"\A[0-9A-Fa-f:.]{2,45}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Characters();

    [GeneratedRegex(@"\A(0|[1-9][0-9]{0,2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    /// <summary>
    /// <c>203.0.113.7</c> (one address, /32), <c>198.51.100.0/24</c>, <c>2001:db8::/32</c>, <c>::1</c>.
    /// On success <paramref name="range"/> is canonical (<c>2001:db8::/32</c>); on failure <paramref name="error"/>
    /// is a message in the API's predicate style ("must be …").
    /// </summary>
    public static bool TryParse(string? text, out IPNetwork range, out string error)
    {
        range = default;
        error = "";
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            error = "must be an IPv4 or IPv6 address or CIDR range such as 203.0.113.0/24";
            return false;
        }
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? text : text[..slash];
        if (!TryParseAddress(host, out var address))
        {
            error = "must be an IPv4 or IPv6 address or CIDR range such as 203.0.113.0/24";
            return false;
        }
        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0)
        {
            var prefixText = text[(slash + 1)..];
            if (!Prefix().IsMatch(prefixText) || (prefix = int.Parse(prefixText, CultureInfo.InvariantCulture)) > maxPrefix)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"must have a prefix length between 0 and {maxPrefix}");
                return false;
            }
        }
        var network = new IPNetwork(Mask(address, prefix), prefix);
        if (!network.BaseAddress.Equals(address))
        {
            error = $"has bits set outside its /{prefix.ToString(CultureInfo.InvariantCulture)} prefix; the range is {network}";
            return false;
        }
        range = network;
        return true;
    }

    /// <summary>One address, IPv4 dotted decimal or IPv6 (an IPv4-mapped IPv6 address is kept as IPv6).</summary>
    public static bool TryParseAddress(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text)) return false;
        if (Ipv4().IsMatch(text)) return IPAddress.TryParse(text, out address!);
        return Ipv6Characters().IsMatch(text) && text.Contains(':', StringComparison.Ordinal)
            && IPAddress.TryParse(text, out address!) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    /// <summary>The range holding exactly <paramref name="address"/>: /32 or /128.</summary>
    public static IPNetwork OneAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
    }

    /// <summary>Whether any range holds the address. An IPv4-mapped IPv6 sender (::ffff:a.b.c.d) matches IPv4 ranges too.</summary>
    public static bool AnyContains(IEnumerable<IPNetwork> ranges, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(address);
        var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : null;
        return ranges.Any(r => r.Contains(address) || (v4 is not null && r.Contains(v4)));
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }
        return new IPAddress(bytes);
    }
}
