using System.Threading.RateLimiting;
using BotPbx.Api.Configuration;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.Features.Auth;

/// <summary>
/// Counts failed log-ins per account and per client IP in fixed windows (defaults: 10 per account and 30 per IP per
/// 15 minutes). Only failures count, so a user who signs in often is never locked out by their own successes; once a
/// bucket is empty every attempt is refused, right password or not, until the window ends.
/// </summary>
public sealed class LoginRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAccount;
    private readonly PartitionedRateLimiter<string> _perIp;

    public LoginRateLimiter(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var auth = options.Value;
        _perAccount = Create(auth.LoginAttemptsPerAccount, auth.LoginWindow);
        _perIp = Create(auth.LoginAttemptsPerIp, auth.LoginWindow);
    }

    /// <returns>Null when an attempt may go ahead; otherwise how long the caller must wait.</returns>
    public TimeSpan? CheckAllowed(string account, string ip)
    {
        using var accountLease = _perAccount.AttemptAcquire(account, 0);
        using var ipLease = _perIp.AttemptAcquire(ip, 0);
        if (accountLease.IsAcquired && ipLease.IsAcquired) return null;
        return Max(RetryAfter(accountLease), RetryAfter(ipLease));
    }

    public void RecordFailure(string account, string ip)
    {
        _perAccount.AttemptAcquire(account).Dispose();
        _perIp.AttemptAcquire(ip).Dispose();
    }

    public void Dispose()
    {
        _perAccount.Dispose();
        _perIp.Dispose();
    }

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits),
                Window = window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        !lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.Zero;

    private static TimeSpan Max(TimeSpan a, TimeSpan b)
    {
        var longest = a > b ? a : b;
        return longest > TimeSpan.Zero ? longest : TimeSpan.FromSeconds(1);
    }
}
