using System.Net;
using System.Net.Sockets;

namespace BotPbx.Asterisk;

/// <summary>The listening socket of the servers Asterisk dials into (FastAGI, AudioSocket).</summary>
internal static class ListeningSocket
{
    /// <summary>A deep backlog: Asterisk opens a connection per call, and a burst of calls must not be refused.</summary>
    private const int Backlog = 512;

    /// <summary>Binds and listens; a socket that fails either is disposed before the error propagates.</summary>
    public static Socket Open(IPAddress address, int port)
    {
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(address, port));
            listener.Listen(Backlog);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }
}
