using BotPbx.Telephony.Rendering;

namespace BotPbx.Telephony.Tests.Security;

/// <summary>
/// SIP brute-force protection counts Asterisk's security events, which AMI only sends to users that may read the
/// <c>security</c> class. Whatever classes the rendered AMI user is narrowed to, that one must stay.
/// </summary>
public sealed class ManagerSecurityClassTests
{
    [Fact]
    public void The_rendered_AMI_user_may_read_security_events()
    {
        var manager = ConfigRenderer.Render(OfficeFixture.Build(), OfficeFixture.Options).Files["manager.conf"];

        var read = manager.Split('\n').Single(l => l.StartsWith("read=", StringComparison.Ordinal))["read=".Length..];
        var classes = read.Split(',', StringSplitOptions.TrimEntries);
        Assert.True(classes.Contains("all") || classes.Contains("security"), $"manager.conf read={read} lacks the security class");
    }
}
