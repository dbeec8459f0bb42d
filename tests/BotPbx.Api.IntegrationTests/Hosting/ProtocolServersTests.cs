using System.Net;
using System.Net.Sockets;
using BotPbx.Api.Hosting;
using BotPbx.TestSupport.Asterisk;
using Microsoft.Extensions.DependencyInjection;

namespace BotPbx.Api.IntegrationTests.Hosting;

/// <summary>The API runs the servers Asterisk dials into for as long as it runs.</summary>
public sealed class ProtocolServersTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_FastAGI_server_answers_a_call_into_an_unknown_IVR_by_ending_the_session_cleanly()
    {
        var agi = fixture.Api.Services.GetRequiredService<FastAgiHostedService>();
        var endPoint = Assert.IsType<IPEndPoint>(agi.LocalEndPoint);
        Assert.True(IPAddress.IsLoopback(endPoint.Address));

        await using var peer = new ScriptedAgiPeer(new ScriptedAgiPeerCall { Script = "no-such-route/1" });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await peer.ConnectAsync(endPoint, timeout.Token);
        await peer.Completion.WaitAsync(timeout.Token);

        // An unknown path is closed without commands, so Asterisk carries on with the dialplan.
        Assert.Empty(peer.Commands);
    }

    [Fact]
    public void The_dialplan_dials_the_port_the_FastAGI_server_really_listens_on()
    {
        var agi = fixture.Api.Services.GetRequiredService<FastAgiHostedService>();
        // The tests configure AGI_PORT=0: the rendered AGI(agi://…) must carry the port the OS picked.
        Assert.Equal(("127.0.0.1", agi.LocalEndPoint!.Port), agi.DialplanAddress());
    }

    [Theory]
    [InlineData("0.0.0.0", "127.0.0.1")]
    [InlineData("192.0.2.10", "192.0.2.10")]
    public void A_server_that_is_not_running_is_dialled_at_its_configured_address(string host, string dialled)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new BotPbx.Api.Configuration.AgiOptions { Host = host, Port = 4600, Enabled = false });
        var agi = new FastAgiHostedService(options, new BotPbx.Asterisk.Agi.AgiRouter(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<FastAgiHostedService>.Instance);
        Assert.Equal((dialled, 4600), agi.DialplanAddress());
    }

    [Fact]
    public async Task The_AudioSocket_server_registers_a_call_by_its_UUID()
    {
        var audio = fixture.Api.Services.GetRequiredService<AudioSocketHostedService>();
        var endPoint = Assert.IsType<IPEndPoint>(audio.LocalEndPoint);
        var registry = fixture.Api.Services.GetRequiredService<BotPbx.Asterisk.AudioSocket.AudioSocketSessionRegistry>();
        var id = Guid.NewGuid();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var waiting = registry.WaitForAsync(id, timeout.Token);

        using var client = new TcpClient();
        await client.ConnectAsync(endPoint, timeout.Token);
        var uuidFrame = new byte[19];
        uuidFrame[0] = 0x01;
        uuidFrame[2] = 16;
        id.TryWriteBytes(uuidFrame.AsSpan(3), bigEndian: true, out _);
        await client.GetStream().WriteAsync(uuidFrame, timeout.Token);

        var session = await waiting;
        Assert.Equal(id, session.Id);
    }
}
