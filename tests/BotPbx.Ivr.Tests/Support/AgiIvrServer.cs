using System.Net;
using BotPbx.Asterisk.Agi;
using BotPbx.Ivr.Agi;
using BotPbx.TestSupport.Asterisk;
using Microsoft.Extensions.Logging.Abstractions;

namespace BotPbx.Ivr.Tests.Support;

/// <summary>The real FastAGI server on a free loopback port, routing <c>ivr/{id}</c> to the IVR handler of a harness.</summary>
public sealed class AgiIvrServer : IAsyncDisposable
{
    private readonly FastAgiServer _server;

    private AgiIvrServer(FastAgiServer server) => _server = server;

    public IPEndPoint EndPoint => _server.LocalEndPoint;

    public static async Task<AgiIvrServer> StartAsync(IvrHarness harness)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var router = new IvrAgiHandler(harness.Interpreter, harness.Options, NullLogger<IvrAgiHandler>.Instance).Map(new AgiRouter());
        var server = new FastAgiServer(new FastAgiOptions { Port = 0, BindAddress = IPAddress.Loopback }, router);
        await server.StartAsync(CancellationToken.None);
        return new AgiIvrServer(server);
    }

    /// <summary>Places a call into IVR <paramref name="ivrId"/> and returns the commands BotPBX sent, once the session is over.</summary>
    public async Task<IReadOnlyList<string>> CallAsync(string ivrId, AgiPhone phone, string callerId = "5551234")
    {
        ArgumentNullException.ThrowIfNull(phone);
        await using var peer = phone.Attach(new ScriptedAgiPeer(new ScriptedAgiPeerCall { Script = "ivr/" + ivrId, CallerIdNumber = callerId }));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await peer.ConnectAsync(EndPoint, timeout.Token);
        await peer.Completion.WaitAsync(timeout.Token);
        return peer.Commands;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
