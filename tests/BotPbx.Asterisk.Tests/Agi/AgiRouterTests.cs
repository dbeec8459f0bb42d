using BotPbx.Asterisk.Agi;

namespace BotPbx.Asterisk.Tests.Agi;

public sealed class AgiRouterTests
{
    private static readonly AgiHandler Ivr = (_, _) => Task.CompletedTask;
    private static readonly AgiHandler Test = (_, _) => Task.CompletedTask;
    private static readonly AgiHandler Dialer = (_, _) => Task.CompletedTask;

    [Fact]
    public void A_parameter_captures_its_segment()
    {
        var router = new AgiRouter().Map("ivr/{id}", Ivr);

        Assert.True(router.TryMatch("ivr/42", out var handler, out var values));
        Assert.Same(Ivr, handler);
        Assert.Equal("42", values["id"]);
    }

    [Fact]
    public void A_literal_route_beats_a_parameter_route_whatever_the_order()
    {
        var router = new AgiRouter().Map("ivr/{id}", Ivr).Map("ivr/test", Test);

        Assert.True(router.TryMatch("ivr/test", out var handler, out _));
        Assert.Same(Test, handler);
        Assert.True(router.TryMatch("IVR/7", out handler, out _));
        Assert.Same(Ivr, handler);
    }

    [Fact]
    public void A_catch_all_takes_the_rest_of_the_path()
    {
        var router = new AgiRouter().Map("dialer/{*rest}", Dialer);

        Assert.True(router.TryMatch("dialer/campaign/9/amd", out _, out var values));
        Assert.Equal("campaign/9/amd", values["rest"]);
    }

    [Theory]
    [InlineData("ivr")]
    [InlineData("ivr/42/extra")]
    [InlineData("other/42")]
    [InlineData("")]
    public void A_path_without_a_route_does_not_match(string path)
    {
        var router = new AgiRouter().Map("ivr/{id}", Ivr);

        Assert.False(router.TryMatch(path, out _, out _));
    }

    [Theory]
    [InlineData("ivr/{}")]
    [InlineData("ivr/{*rest}/more")]
    [InlineData("ivr//x")]
    [InlineData("ivr/{id")]
    public void A_malformed_pattern_is_refused(string pattern)
    {
        Assert.Throws<ArgumentException>(() => new AgiRouter().Map(pattern, Ivr));
    }

    [Fact]
    public void The_same_route_cannot_be_mapped_twice()
    {
        var router = new AgiRouter().Map("ivr/{id}", Ivr);

        Assert.Throws<ArgumentException>(() => router.Map("ivr/{other}", Test));
    }
}
