using System.Net;
using BotPbx.Telephony.Security;

namespace BotPbx.Telephony.Tests.Security;

public sealed class AddressRangeTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7/32")]
    [InlineData("198.51.100.0/24", "198.51.100.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("::1", "::1/128")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("2001:DB8:0:0::/64", "2001:db8::/64")]
    [InlineData("255.255.255.255/32", "255.255.255.255/32")]
    public void Addresses_and_ranges_parse_to_their_canonical_form(string text, string canonical)
    {
        Assert.True(AddressRange.TryParse(text, out var range, out var error), error);
        Assert.Equal(canonical, range.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 10.0.0.0/8")]
    [InlineData("10.0.0.0/8 ")]
    [InlineData("10")]
    [InlineData("1.2.3")]
    [InlineData("010.0.0.1")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.4/33")]
    [InlineData("1.2.3.4/")]
    [InlineData("1.2.3.4/08")]
    [InlineData("1.2.3.4/-1")]
    [InlineData("1.2.3.4/24/8")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[::1]")]
    [InlineData("::/129")]
    [InlineData("example.com")]
    [InlineData("1.2.3.4\n")]
    [InlineData("1.2.3.4;deny=0.0.0.0/0")]
    [InlineData("1.2.3.0/24,0.0.0.0/0")]
    public void Anything_else_is_refused_with_a_message(string text)
    {
        Assert.False(AddressRange.TryParse(text, out _, out var error));
        Assert.StartsWith("must", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_with_host_bits_set_is_refused_naming_the_range_meant()
    {
        Assert.False(AddressRange.TryParse("10.0.0.1/8", out _, out var error));
        Assert.Contains("10.0.0.0/8", error, StringComparison.Ordinal);
        Assert.False(AddressRange.TryParse("2001:db8::1/32", out _, out error));
        Assert.Contains("2001:db8::/32", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_IPv4_mapped_sender_matches_an_IPv4_range()
    {
        IPNetwork[] ranges = [IPNetwork.Parse("192.0.2.0/24")];
        Assert.True(AddressRange.AnyContains(ranges, IPAddress.Parse("192.0.2.9")));
        Assert.True(AddressRange.AnyContains(ranges, IPAddress.Parse("::ffff:192.0.2.9")));
        Assert.False(AddressRange.AnyContains(ranges, IPAddress.Parse("192.0.3.9")));
        Assert.False(AddressRange.AnyContains([], IPAddress.Parse("192.0.2.9")));
    }
}
