using BotPbx.Asterisk.Ami;

namespace BotPbx.Asterisk.Tests.Ami;

public sealed class AmiOptionsTests
{
    [Fact]
    public void The_AMI_environment_variables_fill_host_port_user_and_secret()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AMI_HOST"] = "10.0.0.5",
            ["AMI_PORT"] = "5039",
            ["AMI_USER"] = "botpbx",
            ["AMI_SECRET"] = "s3cret",
        };

        var options = new AmiOptions().ApplyEnvironment(name => environment.GetValueOrDefault(name));

        Assert.Equal("10.0.0.5", options.Host);
        Assert.Equal(5039, options.Port);
        Assert.Equal("botpbx", options.Username);
        Assert.Equal("s3cret", options.Secret);
        options.Validate();
    }

    [Fact]
    public void Unset_variables_keep_the_defaults_and_a_bad_port_is_refused()
    {
        var options = new AmiOptions().ApplyEnvironment(_ => null);

        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(5038, options.Port);
        Assert.Throws<ArgumentException>(() => new AmiOptions().ApplyEnvironment(name => name == "AMI_PORT" ? "50x8" : null));
    }

    [Theory]
    [InlineData(nameof(AmiOptions.Username))]
    [InlineData(nameof(AmiOptions.Port))]
    [InlineData(nameof(AmiOptions.ReconnectDelayMax))]
    [InlineData(nameof(AmiOptions.MaxMessageSize))]
    public void Validate_names_the_bad_setting(string setting)
    {
        var options = new AmiOptions { Username = "botpbx" };
        switch (setting)
        {
            case nameof(AmiOptions.Username): options.Username = string.Empty; break;
            case nameof(AmiOptions.Port): options.Port = 70000; break;
            case nameof(AmiOptions.ReconnectDelayMax): options.ReconnectDelayMax = TimeSpan.FromMilliseconds(1); break;
            default: options.MaxMessageSize = 10; break;
        }

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(setting, error.ParamName);
    }
}
