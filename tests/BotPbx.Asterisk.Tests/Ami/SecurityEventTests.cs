using System.Net;
using BotPbx.Asterisk.Ami;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>Asterisk's security events as recorded (fixture ami-events-registration-wrong-password) and their address field.</summary>
public sealed class SecurityEventTests
{
    private static List<SecurityEvent> Recorded() =>
        [.. AmiFixture.Load("ami-events-registration-wrong-password").Messages().OfType<AmiEvent>().Select(e => e.ToTyped()).OfType<SecurityEvent>()];

    [Fact]
    public void A_wrong_SIP_password_reads_as_a_failure_from_the_phones_address()
    {
        var failed = Recorded().Single(e => e.Name == "ChallengeResponseFailed");

        Assert.True(failed.IsFailure);
        Assert.Equal("PJSIP", failed.Service);
        Assert.Equal("1003", failed.AccountId);
        Assert.Equal(new SecurityEventAddress(IPAddress.Parse("127.0.0.1"), "UDP", 5073), failed.RemoteAddress);
        Assert.Equal(5060, failed.LocalAddress!.Port);
    }

    [Fact]
    public void Challenges_and_successful_logins_are_not_failures_and_a_wrong_AMI_secret_is_one()
    {
        var recorded = Recorded();

        Assert.False(recorded.Single(e => e.Name == "ChallengeSent").IsFailure);
        Assert.All(recorded.Where(e => e.Name == "SuccessfulAuth"), e => Assert.False(e.IsFailure));
        var ami = recorded.Single(e => e.Name == "InvalidPassword");
        Assert.True(ami.IsFailure);
        Assert.Equal("AMI", ami.Service);
        Assert.Equal("TCP", ami.RemoteAddress!.Transport);
    }

    [Theory]
    [InlineData("IPV4/UDP/203.0.113.7/5060", "203.0.113.7", "UDP", 5060)]
    [InlineData("IPV4/TCP/10.0.0.1/0", "10.0.0.1", "TCP", 0)]
    [InlineData("IPV6/UDP/2001:db8::7/5060", "2001:db8::7", "UDP", 5060)]
    [InlineData("IPV6/TLS/[2001:db8::7]/5061", "2001:db8::7", "TLS", 5061)]
    [InlineData("ipv4/WS/192.0.2.1/8088", "192.0.2.1", "WS", 8088)]
    public void Addresses_in_every_documented_form_parse(string text, string address, string transport, int port)
    {
        Assert.True(SecurityEventAddress.TryParse(text, out var parsed));
        Assert.Equal(new SecurityEventAddress(IPAddress.Parse(address), transport, port), parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("203.0.113.7")]
    [InlineData("IPV4/UDP/203.0.113.7")]
    [InlineData("IPV4/UDP/203.0.113.7/99999")]
    [InlineData("IPV4/UDP/203.0.113.7/-1")]
    [InlineData("IPV4/UDP/2001:db8::1/5060")]
    [InlineData("IPV6/UDP/203.0.113.7/5060")]
    [InlineData("IPV4//203.0.113.7/5060")]
    [InlineData("IPV4/UDP/not-an-address/5060")]
    [InlineData("UNIX/UDP/203.0.113.7/5060")]
    public void Malformed_addresses_are_refused(string? text)
    {
        Assert.False(SecurityEventAddress.TryParse(text, out _));
    }

    [Fact]
    public void Every_documented_security_event_has_the_typed_view()
    {
        foreach (var name in SecurityEvent.Names) Assert.Contains(name, AmiEventRegistry.KnownEvents, StringComparer.OrdinalIgnoreCase);
        Assert.Subset(SecurityEvent.Names.ToHashSet(), SecurityEvent.FailureNames.ToHashSet());
    }
}
