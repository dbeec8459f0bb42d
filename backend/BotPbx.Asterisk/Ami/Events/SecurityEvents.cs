using System.Net;
using System.Net.Sockets;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// One of Asterisk's security events (class <c>security</c>; the AMI user needs that read class). Every one carries
/// <c>Service</c>, <c>AccountID</c>, <c>SessionID</c>, <c>LocalAddress</c> and <c>RemoteAddress</c>
/// (docs.asterisk.org, Asterisk 22 AMI Events: InvalidAccountID, ChallengeResponseFailed, InvalidPassword, FailedACL…;
/// fixture ami-events-registration-wrong-password).
/// </summary>
public sealed class SecurityEvent(AmiEvent raw) : AmiTypedEvent(raw)
{
    /// <summary>The security events that say a request failed (not <c>SuccessfulAuth</c> or <c>ChallengeSent</c>).</summary>
    public static readonly IReadOnlySet<string> FailureNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "InvalidAccountID", "ChallengeResponseFailed", "InvalidPassword", "FailedACL", "AuthMethodNotAllowed",
        "UnexpectedAddress", "InvalidTransport", "RequestNotAllowed",
    };

    /// <summary>Every security event Asterisk 22 documents.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(FailureNames, StringComparer.OrdinalIgnoreCase)
    {
        "SuccessfulAuth", "ChallengeSent", "SessionLimit", "MemoryLimit", "LoadAverageLimit", "RequestNotSupported",
        "RequestBadFormat",
    };

    public bool IsFailure => FailureNames.Contains(Name);

    /// <summary><c>PJSIP</c>, <c>AMI</c>, <c>ARI</c>…</summary>
    public string Service => Text("Service");

    /// <summary>The account the request named (a SIP user, an AMI user). Chosen by the remote side: untrusted text.</summary>
    public string AccountId => Text("AccountID");

    public string SessionId => Text("SessionID");

    public string Severity => Text("Severity");

    /// <summary>The sender, from <c>RemoteAddress: IPV4/UDP/203.0.113.7/5060</c>; null when absent or malformed.</summary>
    public SecurityEventAddress? RemoteAddress => SecurityEventAddress.TryParse(Raw["RemoteAddress"], out var address) ? address : null;

    public SecurityEventAddress? LocalAddress => SecurityEventAddress.TryParse(Raw["LocalAddress"], out var address) ? address : null;
}

/// <summary>A security event's address field: <c>IPV4/UDP/203.0.113.7/5060</c> or <c>IPV6/TCP/2001:db8::1/5061</c>.</summary>
public sealed record SecurityEventAddress(IPAddress Address, string Transport, int Port)
{
    /// <summary>Parses the <c>family/transport/address/port</c> form; the family must agree with the address.</summary>
    public static bool TryParse(string? text, out SecurityEventAddress address)
    {
        address = null!;
        if (string.IsNullOrEmpty(text)) return false;
        // The address itself holds ':' (IPv6) but never '/', so split on the first two and the last '/'.
        var first = text.IndexOf('/', StringComparison.Ordinal);
        var second = first < 0 ? -1 : text.IndexOf('/', first + 1);
        var last = text.LastIndexOf('/');
        if (first <= 0 || second <= first || last <= second) return false;
        var family = text[..first];
        var transport = text[(first + 1)..second];
        var host = text[(second + 1)..last];
        // Asterisk prints IPv6 addresses in brackets in some places; accept both.
        if (host.Length > 2 && host[0] == '[' && host[^1] == ']') host = host[1..^1];
        if (!int.TryParse(text.AsSpan(last + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            || port > 65535 || !IPAddress.TryParse(host, out var ip) || transport.Length == 0)
        {
            return false;
        }
        var expected = family.ToUpperInvariant() switch
        {
            "IPV4" => AddressFamily.InterNetwork,
            "IPV6" => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unknown,
        };
        if (expected != ip.AddressFamily) return false;
        address = new SecurityEventAddress(ip, transport, port);
        return true;
    }
}
