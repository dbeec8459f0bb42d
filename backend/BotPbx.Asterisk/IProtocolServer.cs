using System.Net;

namespace BotPbx.Asterisk;

/// <summary>A TCP server Asterisk connects to (FastAGI, AudioSocket), as a host starts, watches and stops it.</summary>
public interface IProtocolServer : IAsyncDisposable
{
    /// <summary>The bound address; with port 0 this tells the port that was picked.</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>Connections being served right now.</summary>
    int ActiveSessions { get; }

    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops accepting, ends every session and waits for them.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
