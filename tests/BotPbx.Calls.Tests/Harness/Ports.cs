using System.Net;
using System.Net.Sockets;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>Free loopback ports, found by binding and releasing. Ranges start at random places so that runs on one
/// machine rarely meet.</summary>
public static class Ports
{
    public static int FreeTcp(string address = "127.0.0.1")
    {
        using var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A port free for both UDP and TCP (SIP listens on both).</summary>
    public static int FreeUdpAndTcp(string address = "127.0.0.1")
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = FreeTcp(address);
            if (UdpFree(address, port)) return port;
        }
        throw new InvalidOperationException("no free port");
    }

    /// <summary>
    /// A port for a baresip phone: it listens for SIP on the port (UDP and TCP) and for SIP over TLS on the next one,
    /// whatever <c>sip_transports</c> says, and does not start when either is taken ("SIP/TLS transport failed:
    /// Address already in use"). SIPp and Asterisk need only <see cref="FreeUdpAndTcp"/>.
    /// </summary>
    public static int FreeSipPair(string address)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = FreeUdpAndTcp(address);
            if (port < IPEndPoint.MaxPort && UdpFree(address, port + 1) && TcpFree(address, port + 1)) return port;
        }
        throw new InvalidOperationException("no free pair of SIP ports");
    }

    /// <summary>The first of <paramref name="count"/> consecutive free UDP ports (an even one: RTP takes even ports).</summary>
    public static int FreeUdpRange(string address, int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var start = 20000 + Random.Shared.Next(0, 19000) / 2 * 2;
            if (Enumerable.Range(start, count).All(p => UdpFree(address, p))) return start;
        }
        throw new InvalidOperationException("no free UDP range");
    }

    private static bool TcpFree(string address, int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Parse(address), port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool UdpFree(string address, int port)
    {
        try
        {
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Parse(address), port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
