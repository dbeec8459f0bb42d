namespace BotPbx.Api.Configuration;

public sealed class AuthOptions
{
    /// <summary>How long a log-in (bearer token and cookie) stays valid.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How long a positive session check is remembered per process. A revocation made by this process takes effect
    /// at once; one made by another process within this time.
    /// </summary>
    public TimeSpan SessionCheckCache { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed log-ins allowed per account within <see cref="LoginWindow"/>.</summary>
    public int LoginAttemptsPerAccount { get; set; } = 10;

    /// <summary>Failed log-ins allowed per client IP within <see cref="LoginWindow"/>.</summary>
    public int LoginAttemptsPerIp { get; set; } = 30;

    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Origins (e.g. <c>https://pbx.example.com</c>) whose pages may send state-changing requests with the session
    /// cookie, besides the service's own origin as the request reached it. Needed only behind a reverse proxy that
    /// changes the scheme, host or port, and only for browsers that send no <c>Sec-Fetch-Site</c> header.
    /// </summary>
    public IList<string> TrustedOrigins { get; } = [];
}
