using System.Net;
using System.Net.Sockets;

namespace BotPbx.Ivr.Http;

/// <summary>
/// Decides whether the httpRequest node may connect to an address. Refused unless allowed: loopback, RFC 1918 and
/// carrier-grade NAT ranges, link-local (169.254.0.0/16 holds the cloud metadata service), unspecified, multicast and
/// broadcast, IPv6 unique-local and site-local. IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
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
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private readonly IPNetwork[] _allowed;

    public AddressPolicy(IEnumerable<string> allowedNetworks)
    {
        ArgumentNullException.ThrowIfNull(allowedNetworks);
        _allowed = [.. allowedNetworks.Select(IPNetwork.Parse)];
    }

    public bool IsAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (_allowed.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address))) return true;
        return !Internal.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address));
    }

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

    internal static bool IsInet(IPAddress address) => address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
}

/// <summary>The httpRequest node tried to reach an address the policy refuses.</summary>
public sealed class BlockedAddressException : HttpRequestException
{
    public BlockedAddressException() { }

    public BlockedAddressException(string message) : base(message) { }

    public BlockedAddressException(string message, Exception innerException) : base(message, innerException) { }
}
