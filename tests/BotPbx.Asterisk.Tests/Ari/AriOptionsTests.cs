using BotPbx.Asterisk.Ari;

namespace BotPbx.Asterisk.Tests.Ari;

public sealed class AriOptionsTests
{
    private static AriOptions Valid() => new() { Username = "botpbx", Password = "secret" };

    [Fact]
    public void The_defaults_are_the_documented_ones_and_never_skip_certificate_checks()
    {
        var options = Valid();

        options.Validate();
        Assert.Equal(new Uri("http://127.0.0.1:8088/ari"), options.BaseUrl);
        Assert.Equal("botpbx", options.Application);
        Assert.False(options.SubscribeAll);
        Assert.False(options.DangerouslySkipCertificateValidation);
        Assert.Null(options.TrustedCertificate);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/ari")]
    [InlineData("ws://127.0.0.1:8088/ari")]
    [InlineData("http://127.0.0.1:8088/ari?x=1")]
    public void Only_plain_http_or_https_base_urls_are_accepted(string url)
    {
        var options = Valid();
        options.BaseUrl = new Uri(url);

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void Missing_user_application_or_nonsense_limits_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new AriOptions().Validate());
        Assert.Throws<ArgumentException>(() => { var o = Valid(); o.Application = " "; o.Validate(); });
        Assert.Throws<ArgumentException>(() => { var o = Valid(); o.EventBufferCapacity = 0; o.Validate(); });
        Assert.Throws<ArgumentException>(() => { var o = Valid(); o.RequestTimeout = TimeSpan.Zero; o.Validate(); });
        Assert.Throws<ArgumentException>(() => { var o = Valid(); o.ReconnectMaxDelay = TimeSpan.FromMilliseconds(1); o.Validate(); });
        Assert.Throws<ArgumentException>(() => { var o = Valid(); o.MaxEventBytes = 100; o.Validate(); });
        Assert.Throws<ArgumentException>(() => new AriClient(new AriOptions()));
    }

    [Fact]
    public void Reconnect_delays_double_from_the_minimum_up_to_the_maximum()
    {
        var min = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(30);

        var delays = Enumerable.Range(0, 8).Select(n => AriBackoff.Delay(min, max, n).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
        Assert.Equal(max, AriBackoff.Delay(min, max, int.MaxValue));
    }
}
