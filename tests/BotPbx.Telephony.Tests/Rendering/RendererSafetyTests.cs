using BotPbx.Telephony.Model;
using BotPbx.Telephony.Rendering;
using BotPbx.Telephony.Validation;

namespace BotPbx.Telephony.Tests.Rendering;

/// <summary>The renderer is the second line of defence: it refuses unvalidated input even when called past validation.</summary>
public class RendererSafetyTests
{
    [Fact]
    public void Render_refuses_a_configuration_that_does_not_validate()
    {
        var config = OfficeFixture.Build();
        config = config with { Extensions = [config.Extensions[0] with { Name = "Eve\n[evil]\ntype=endpoint" }] };
        var ex = Assert.Throws<PbxValidationException>(() => ConfigRenderer.Render(config, OfficeFixture.Options));
        Assert.Contains("extensions[0].name", ex.Errors.Fields);
    }

    [Fact]
    public void Render_refuses_options_without_the_ami_secret()
    {
        var ex = Assert.Throws<PbxValidationException>(() => ConfigRenderer.Render(OfficeFixture.Build(), OfficeFixture.Options with { AmiSecret = "" }));
        Assert.Contains("options.amiSecret", ex.Errors.Fields);
    }

    [Theory]
    [InlineData("Eve\n[evil]")]
    [InlineData("Eve\rx")]
    [InlineData("Eve;comment")]
    public void The_pjsip_writer_throws_on_line_breaks_and_comments_even_without_validation(string name)
    {
        var config = OfficeFixture.Build();
        config = config with { Extensions = [config.Extensions[0] with { Name = name }] };
        var index = new RenderIndex(config, OfficeFixture.Options);
        Assert.Throws<UnsafeConfigValueException>(() => PjsipRenderer.Render(index));
    }

    [Theory]
    [InlineData("1001,1,System(id)")]
    [InlineData("${SHELL(id)}")]
    [InlineData("1001)")]
    [InlineData("1 001")]
    public void The_dialplan_writer_throws_on_argument_syntax_even_without_validation(string number)
    {
        var config = OfficeFixture.Build();
        config = config with { Extensions = [config.Extensions[0] with { Number = number }], Queues = [], RingGroups = [], OutboundRoutes = [] };
        var index = new RenderIndex(config, OfficeFixture.Options);
        Assert.Throws<UnsafeConfigValueException>(() => DialplanRenderer.Render(index));
    }

    [Fact]
    public void An_escaped_semicolon_is_allowed_for_pjsip_uri_parameters_but_a_bare_one_is_not()
    {
        var file = new ConfFile("pjsip.conf").Section("x");
        file.Set("outbound_proxy", "sip:proxy.example.com\\;lr");
        Assert.Throws<UnsafeConfigValueException>(() => file.Set("outbound_proxy", "sip:proxy.example.com;lr"));
        Assert.Throws<UnsafeConfigValueException>(() => file.Section("a]b"));
        Assert.Throws<UnsafeConfigValueException>(() => file.Set("#include", "x"));
    }
}
