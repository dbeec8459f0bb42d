using BotPbx.Asterisk.Ami;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ami;

public sealed class AmiLoginTests
{
    [Fact]
    public async Task A_plain_login_goes_through_Connecting_and_Authenticating_to_Connected()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();

        Assert.Equal(
            [AmiConnectionState.Connecting, AmiConnectionState.Authenticating, AmiConnectionState.Connected],
            harness.States);
        var status = harness.Client.Status;
        Assert.Equal("11.0.0", status.AmiVersion);
        Assert.Null(status.LastError);
        var login = Assert.Single(harness.Server.Requests, r => r.IsAction("Login"));
        Assert.Equal(harness.Server.Secret, login["Secret"]);
        Assert.Equal("on", login["Events"]);
        Assert.NotNull(login.ActionId);
    }

    [Fact]
    public void The_md5_key_is_the_lower_case_hex_md5_of_challenge_and_secret()
    {
        // Fixture ami-login-md5-challenge: md5('100148022' + 'ceoami-secret').
        Assert.Equal("6e895a95f03df3132059066e6c18bc03", AmiClient.ComputeMd5Key("100148022", "ceoami-secret"));
    }

    [Fact]
    public async Task An_md5_login_asks_for_a_challenge_and_never_sends_the_secret()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync(configure: o => o.UseMd5Login = true);

        var requests = harness.Server.Requests;
        Assert.True(requests[0].IsAction("Challenge"));
        Assert.Equal("md5", requests[0]["AuthType"]);
        var login = requests[1];
        Assert.True(login.IsAction("Login"));
        Assert.Equal("md5", login["AuthType"]);
        Assert.Null(login["Secret"]);
        Assert.Matches("^[0-9a-f]{32}$", login["Key"]);
        Assert.Equal(AmiConnectionState.Connected, harness.Client.Status.State);
    }

    [Fact]
    public async Task A_refused_login_reports_an_authentication_error_and_keeps_retrying()
    {
        await using var harness = AmiTestHarness.Create(configure: o => o.Secret = "wrong");
        harness.Client.Start();

        var status = await harness.WaitForStatusAsync(s => s.State == AmiConnectionState.Reconnecting);
        var error = Assert.IsType<AmiAuthenticationException>(status.LastError);
        Assert.False(error.IsTransient);
        Assert.Contains("Authentication failed", error.Message, StringComparison.Ordinal);
        Assert.NotNull(status.LastErrorAt);

        // It tries again (a fixed manager.conf is picked up without a restart).
        await harness.WaitForStatusAsync(s => s.State == AmiConnectionState.Authenticating && s.Since > status.Since);
        Assert.Equal(0, harness.Server.LoginCount);
    }

    [Fact]
    public async Task An_md5_login_with_the_wrong_secret_is_refused_too()
    {
        await using var harness = AmiTestHarness.Create(configure: o =>
        {
            o.UseMd5Login = true;
            o.Secret = "wrong";
        });
        harness.Client.Start();

        var status = await harness.WaitForStatusAsync(s => s.State == AmiConnectionState.Reconnecting);
        Assert.IsType<AmiAuthenticationException>(status.LastError);
    }

    [Fact]
    public async Task A_port_where_nobody_listens_is_a_transient_connection_error()
    {
        var server = FakeAmiServer.Start();
        var options = AmiTestHarness.Options(server);
        await server.DisposeAsync();
        await using var client = new AmiClient(options);
        var reconnecting = new TaskCompletionSource<AmiConnectionStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StatusChanged += (_, s) =>
        {
            if (s.State == AmiConnectionState.Reconnecting) reconnecting.TrySetResult(s);
        };

        client.Start();
        var status = await reconnecting.Task.WaitAsync(AmiTestHarness.Guard);

        var error = Assert.IsType<AmiConnectionException>(status.LastError);
        Assert.True(error.IsTransient);
        Assert.Contains($"127.0.0.1:{options.Port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_refuse_line_breaks_in_credentials()
    {
        var options = new AmiOptions { Username = "botpbx", Secret = "x\r\nAction: Originate" };

        var error = Assert.Throws<ArgumentException>(() => new AmiClient(options));
        Assert.Contains("Secret", error.Message, StringComparison.Ordinal);
    }
}
