using System.Net;
using System.Net.Sockets;

namespace BotPbx.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback TCP relay placed between the API and PostgreSQL, so a test can take the database "away"
/// (<see cref="Cut"/>: close every relayed connection and refuse new ones) and bring it back (<see cref="Restore"/>)
/// without touching the shared test cluster.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly object _gate = new();
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource _cancellation = new();

    public TcpForwarder(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Parse(targetHost == "localhost" ? "127.0.0.1" : targetHost), targetPort);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync(_listener, _cancellation.Token);
    }

    public int Port { get; }

    public void Cut()
    {
        lock (_gate)
        {
            _cancellation.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var connection in _connections) connection.Dispose();
            _connections.Clear();
        }
    }

    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is not null) return;
            _cancellation = new CancellationTokenSource();
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _ = AcceptLoopAsync(_listener, _cancellation.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = RelayAsync(client, cancellationToken);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var upstream = new TcpClient();
        lock (_gate)
        {
            _connections.Add(client);
            _connections.Add(upstream);
        }
        try
        {
            await upstream.ConnectAsync(_target, cancellationToken);
            var a = client.GetStream().CopyToAsync(upstream.GetStream(), cancellationToken);
            var b = upstream.GetStream().CopyToAsync(client.GetStream(), cancellationToken);
            await Task.WhenAny(a, b);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The relay ends when either side (or Cut) closes it.
        }
        finally
        {
            client.Dispose();
            upstream.Dispose();
        }
    }
}
