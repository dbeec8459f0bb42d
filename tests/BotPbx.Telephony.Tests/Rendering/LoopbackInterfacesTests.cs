using BotPbx.Telephony.Rendering;
using BotPbx.TestSupport;

namespace BotPbx.Telephony.Tests.Rendering;

/// <summary>
/// Review item "with WSS on, ARI is served on the public TLS port": Asterisk serves every HTTP URI on both listeners,
/// so the ARI user itself accepts loopback only; AMI is loopback-only by bind address and by its user's ACL.
/// </summary>
public class LoopbackInterfacesTests
{
    private static readonly RenderedConfiguration Office = ConfigRenderer.Render(OfficeFixture.Build(), OfficeFixture.Options);

    [Fact]
    public void With_wss_on_the_public_listener_is_https_and_the_plain_one_stays_on_loopback()
    {
        var http = Office.Files["http.conf"];
        Assert.Contains("\nbindaddr=127.0.0.1\n", http, StringComparison.Ordinal);
        Assert.Contains("\ntlsenable=yes\n", http, StringComparison.Ordinal);
        Assert.Contains("\ntlsbindaddr=0.0.0.0:8089\n", http, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ari_user_refuses_every_address_but_loopback()
    {
        var ari = Office.Files["ari.conf"];
        var deny = ari.IndexOf("\ndeny=0.0.0.0/0.0.0.0\n", StringComparison.Ordinal);
        var permit = ari.IndexOf("\npermit=127.0.0.1/255.255.255.255\n", StringComparison.Ordinal);
        Assert.True(deny > 0 && permit > deny, ari);
    }

    [Fact]
    public void The_ami_user_refuses_every_address_but_loopback_and_ami_binds_to_loopback()
    {
        Assert.Contains("\ndeny=0.0.0.0/0.0.0.0\npermit=127.0.0.1/255.255.255.255\n", Office.Files["manager.conf"], StringComparison.Ordinal);
        var template = RepositoryFile.ReadAllText("asterisk-templates/manager.conf");
        Assert.Contains("\nbindaddr=127.0.0.1\n", template, StringComparison.Ordinal);
        Assert.DoesNotContain("webenabled=yes", template, StringComparison.Ordinal);
    }
}
