using BotPbx.Api.Configuration;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.Features.Auth;

/// <summary>
/// Counts failed log-ins per account and per client IP in fixed windows (defaults: 10 per account and 30 per IP per
/// 15 minutes). Only failures count, so a user who signs in often is never locked out by their own successes; once a
/// bucket is used up every attempt is refused, right password or not, until the window ends.
/// An attempt reserves its place in both buckets before the password is checked, in one step under a lock, and a
/// success gives the place back: guesses sent in parallel cannot all pass the check before the first failure is
/// counted (checking first and counting afterwards let any number of concurrent guesses through).
/// </summary>
public sealed class LoginRateLimiter
{
    /// <summary>Above this many buckets, expired ones are dropped on the next attempt: memory stays bounded.</summary>
    private const int SweepThreshold = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly int _perAccount;
    private readonly int _perIp;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;

    public LoginRateLimiter(IOptions<AuthOptions> options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var auth = options.Value;
        _perAccount = Math.Max(1, auth.LoginAttemptsPerAccount);
        _perIp = Math.Max(1, auth.LoginAttemptsPerIp);
        _window = auth.LoginWindow;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Takes one attempt from the account's and the address's allowance, or refuses. Call
    /// <see cref="LoginAttempt.Succeeded"/> when the password was right; a failure keeps the attempt counted.
    /// </summary>
    public LoginAttempt Reserve(string account, string ip)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_buckets.Count > SweepThreshold) Sweep(now);
            var byAccount = Current("account\n" + account, now);
            var byIp = Current("ip\n" + ip, now);
            var accountFull = byAccount.Used >= _perAccount;
            var ipFull = byIp.Used >= _perIp;
            if (accountFull || ipFull)
            {
                // Report a lockout once per bucket and window: a flood of refused attempts is one audit row, not one each.
                var firstRefusal = (accountFull && !byAccount.RefusalReported) || (ipFull && !byIp.RefusalReported);
                if (accountFull) byAccount.RefusalReported = true;
                if (ipFull) byIp.RefusalReported = true;
                var retryAfter = Longest(accountFull ? byAccount.End - now : TimeSpan.Zero, ipFull ? byIp.End - now : TimeSpan.Zero);
                return LoginAttempt.Refused(retryAfter, firstRefusal);
            }
            byAccount.Used++;
            byIp.Used++;
            return new LoginAttempt(this, byAccount, byIp);
        }
    }

    private Bucket Current(string key, DateTimeOffset now)
    {
        if (!_buckets.TryGetValue(key, out var bucket) || bucket.End <= now)
        {
            bucket = new Bucket(now + _window);
            _buckets[key] = bucket;
        }
        return bucket;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var key in _buckets.Where(pair => pair.Value.End <= now).Select(pair => pair.Key).ToList()) _buckets.Remove(key);
    }

    internal void Refund(Bucket byAccount, Bucket byIp)
    {
        lock (_gate)
        {
            // A bucket whose window ended meanwhile was replaced; the new one never counted this attempt.
            if (byAccount.Used > 0) byAccount.Used--;
            if (byIp.Used > 0) byIp.Used--;
        }
    }

    private static TimeSpan Longest(TimeSpan a, TimeSpan b)
    {
        var longest = a > b ? a : b;
        return longest > TimeSpan.Zero ? longest : TimeSpan.FromSeconds(1);
    }

    internal sealed class Bucket(DateTimeOffset end)
    {
        public DateTimeOffset End { get; } = end;
        public int Used { get; set; }
        public bool RefusalReported { get; set; }
    }
}

/// <summary>One log-in attempt's place in the limiter: allowed (and counted as a failure unless it succeeds), or refused.</summary>
public sealed class LoginAttempt
{
    private readonly LoginRateLimiter? _limiter;
    private readonly LoginRateLimiter.Bucket? _byAccount;
    private readonly LoginRateLimiter.Bucket? _byIp;
    private int _settled;

    internal LoginAttempt(LoginRateLimiter limiter, LoginRateLimiter.Bucket byAccount, LoginRateLimiter.Bucket byIp)
    {
        _limiter = limiter;
        _byAccount = byAccount;
        _byIp = byIp;
    }

    private LoginAttempt(TimeSpan retryAfter, bool firstRefusal)
    {
        RetryAfter = retryAfter;
        FirstRefusalInWindow = firstRefusal;
    }

    internal static LoginAttempt Refused(TimeSpan retryAfter, bool firstRefusal) => new(retryAfter, firstRefusal);

    public bool Allowed => _limiter is not null;

    /// <summary>How long a refused caller must wait.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>True for the first refusal of a lockout window: the one worth an audit row.</summary>
    public bool FirstRefusalInWindow { get; }

    /// <summary>The password was right: successes do not use up the allowance. Idempotent.</summary>
    public void Succeeded()
    {
        if (_limiter is null || Interlocked.Exchange(ref _settled, 1) == 1) return;
        _limiter.Refund(_byAccount!, _byIp!);
    }
}
