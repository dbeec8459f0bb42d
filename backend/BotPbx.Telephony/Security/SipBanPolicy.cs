using System.Net;

namespace BotPbx.Telephony.Security;

/// <summary>
/// When an address is banned: <see cref="MaxFailures"/> failed SIP requests within <see cref="Window"/> ban it for
/// <see cref="BanDuration"/>, unless it is in <see cref="AllowList"/>. Defaults: 5 in 60 s, banned for an hour, the
/// machine itself (127.0.0.1, ::1) never banned.
/// </summary>
public sealed record SipBanPolicy
{
    public static readonly IReadOnlyList<IPNetwork> DefaultAllowList = [IPNetwork.Parse("127.0.0.1/32"), IPNetwork.Parse("::1/128")];

    public static SipBanPolicy Default { get; } = new();

    public bool Enabled { get; init; } = true;

    public int MaxFailures { get; init; } = 5;

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan BanDuration { get; init; } = TimeSpan.FromHours(1);

    public IReadOnlyList<IPNetwork> AllowList { get; init; } = DefaultAllowList;

    public bool IsAllowListed(IPAddress address) => AddressRange.AnyContains(AllowList, address);
}
