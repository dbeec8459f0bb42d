using BotPbx.Api.Configuration;
using BotPbx.Api.Features.Auth;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.IntegrationTests.Auth;

/// <summary>The limiter on its own: reservation is atomic, successes give the attempt back, windows end.</summary>
public sealed class LoginRateLimiterTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static LoginRateLimiter Limiter(ManualClock clock, int perAccount = 3, int perIp = 100)
    {
        var options = new AuthOptions { LoginAttemptsPerAccount = perAccount, LoginAttemptsPerIp = perIp, LoginWindow = TimeSpan.FromMinutes(15) };
        return new LoginRateLimiter(Options.Create(options), clock);
    }

    [Fact]
    public void Reservations_made_at_the_same_moment_never_exceed_the_limit()
    {
        var limiter = Limiter(new ManualClock(), perAccount: 7);
        var allowed = 0;
        Parallel.For(0, 2000, i =>
        {
            if (limiter.Reserve("victim@example.test", "198.51.100." + (i % 250)).Allowed) Interlocked.Increment(ref allowed);
        });
        Assert.Equal(7, allowed);
    }

    [Fact]
    public void A_success_gives_its_attempt_back_once()
    {
        var limiter = Limiter(new ManualClock(), perAccount: 2);
        for (var i = 0; i < 10; i++)
        {
            var attempt = limiter.Reserve("user@example.test", "192.0.2.1");
            Assert.True(attempt.Allowed);
            attempt.Succeeded();
            attempt.Succeeded();
        }
        Assert.True(limiter.Reserve("user@example.test", "192.0.2.1").Allowed);
        Assert.True(limiter.Reserve("user@example.test", "192.0.2.1").Allowed);
        Assert.False(limiter.Reserve("user@example.test", "192.0.2.1").Allowed);
    }

    [Fact]
    public void A_lockout_reports_its_first_refusal_once_and_ends_with_its_window()
    {
        var clock = new ManualClock();
        var limiter = Limiter(clock, perAccount: 1);
        Assert.True(limiter.Reserve("a@example.test", "192.0.2.1").Allowed);

        var first = limiter.Reserve("a@example.test", "192.0.2.2");
        var second = limiter.Reserve("a@example.test", "192.0.2.3");
        Assert.Equal((false, true), (first.Allowed, first.FirstRefusalInWindow));
        Assert.Equal((false, false), (second.Allowed, second.FirstRefusalInWindow));
        Assert.Equal(TimeSpan.FromMinutes(15), first.RetryAfter);

        clock.Now += TimeSpan.FromMinutes(10);
        Assert.Equal(TimeSpan.FromMinutes(5), limiter.Reserve("a@example.test", "192.0.2.4").RetryAfter);

        clock.Now += TimeSpan.FromMinutes(5);
        Assert.True(limiter.Reserve("a@example.test", "192.0.2.5").Allowed);
        var again = limiter.Reserve("a@example.test", "192.0.2.6");
        Assert.True(again.FirstRefusalInWindow);
    }

    [Fact]
    public void A_refused_attempt_uses_up_nothing()
    {
        var limiter = Limiter(new ManualClock(), perAccount: 1, perIp: 2);
        Assert.True(limiter.Reserve("locked@example.test", "192.0.2.9").Allowed);
        for (var i = 0; i < 5; i++) Assert.False(limiter.Reserve("locked@example.test", "192.0.2.9").Allowed);
        // The address still has one attempt: refusals for the locked account did not count against it.
        Assert.True(limiter.Reserve("other@example.test", "192.0.2.9").Allowed);
    }
}
