using System.Net;
using System.Net.Sockets;

namespace BotPbx.Ivr.Http;

/// <summary>
/// Decides whether the httpRequest node may connect to an address. Refused unless allowed: loopback, RFC 1918 and
/// carrier-grade NAT ranges, link-local (169.254.0.0/16 holds the cloud metadata service), unspecified, multicast and
/// broadcast, IPv6 unique-local and site-local. IPv6 addresses that carry an IPv4 address are judged as that IPv4
/// address, since the network delivers them to it: IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96, RFC 4291),
/// NAT64's well-known prefix (64:ff9b::/96, RFC 6052) and 6to4 (2002::/16, RFC 3056, the address in bits 16–47).
/// Local-use NAT64 (64:ff9b:1::/48, RFC 8215) puts the address where the operator chooses, and Teredo (2001::/32)
/// tunnels to a relay: both are refused whole.
/// </summary>
public sealed class AddressPolicy
{
    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("64:ff9b:1::/48"),
        IPNetwork.Parse("2001::/32"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    private readonly IPNetwork[] _allowed;

    public AddressPolicy(IEnumerable<string> allowedNetworks)
    {
        ArgumentNullException.ThrowIfNull(allowedNetworks);
        _allowed = [.. allowedNetworks.Select(IPNetwork.Parse)];
    }

    public bool IsAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Listed(_allowed, address)) return true;
        if (EmbeddedIPv4(address) is { } carried) return Listed(_allowed, carried) || !Listed(Internal, carried);
        return !Listed(Internal, address);
    }

    private static bool Listed(IPNetwork[] networks, IPAddress address) =>
        networks.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address));

    /// <summary>Throws when any of <paramref name="addresses"/> is refused: a name that resolves to one internal address is refused whole.</summary>
    public void Check(string host, IReadOnlyList<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        if (addresses.Count == 0) throw new HttpRequestException($"{host} has no address.");
        var refused = addresses.FirstOrDefault(a => !IsAllowed(a));
        if (refused is not null)
        {
            throw new BlockedAddressException($"{host} resolves to {refused}, an internal address that IVR HTTP requests may not reach.");
        }
    }

    /// <summary>The IPv4 address an IPv6 address delivers to (see the class summary), or null.</summary>
    public static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return null;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        // ::/96 includes :: and ::1; judged as 0.0.0.0 and 0.0.0.1 they are refused all the same (0.0.0.0/8).
        if (Nat64.Contains(address) || Compatible.Contains(address)) return new IPAddress(bytes.AsSpan(12, 4));
        if (SixToFour.Contains(address)) return new IPAddress(bytes.AsSpan(2, 4));
        return null;
    }

    internal static bool IsInet(IPAddress address) => address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
}

/// <summary>The httpRequest node tried to reach an address the policy refuses.</summary>
public sealed class BlockedAddressException : HttpRequestException
{
    public BlockedAddressException() { }

    public BlockedAddressException(string message) : base(message) { }

    public BlockedAddressException(string message, Exception innerException) : base(message, innerException) { }
}
