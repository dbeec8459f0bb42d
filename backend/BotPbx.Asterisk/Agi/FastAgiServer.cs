using System.Net;

namespace BotPbx.Asterisk.Agi;

/// <summary>
/// The FastAGI server Asterisk's <c>AGI(agi://host:4573/path,args)</c> connects to. Listening, accepting, the session
/// limit and the lifecycle are the shared <see cref="ProtocolTcpServer"/>'s; this class adds what one FastAGI connection
/// does (<see cref="AgiConnection"/>). A peer that misbehaves (garbage, oversized lines, never finishing the environment,
/// vanishing mid-command) loses only its own connection. <see cref="StopAsync"/> stops accepting, cancels every handler
/// and waits for the sessions to end.
/// </summary>
public sealed class FastAgiServer : IProtocolServer
{
    private readonly FastAgiOptions _options;
    private readonly AgiRouter _router;
    private readonly ProtocolTcpServer _server;
    private readonly AgiCommandWatchdog _watchdog;

    public FastAgiServer(FastAgiOptions options, AgiRouter router)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(router);
        options.Validate();
        _options = options;
        _router = router;
        _watchdog = new AgiCommandWatchdog(options);
        _server = new ProtocolTcpServer(
            new ProtocolTcpServerSettings("FastAGI", options.BindAddress, options.Port, options.MaxConcurrentSessions, options.CloseTimeout,
                (level, message, remote, exception) => Log(options, (FastAgiLogLevel)level, message, remote, exception)),
            ServeAsync);
    }

    /// <summary>The bound address; with <see cref="FastAgiOptions.Port"/> 0 this tells the port that was picked.</summary>
    public IPEndPoint LocalEndPoint => _server.LocalEndPoint;

    /// <summary>Calls being served right now; a finished call whose socket is still closing no longer counts.</summary>
    public int ActiveSessions => _server.LiveSessions;

    public Task StartAsync(CancellationToken cancellationToken) => _server.StartAsync(cancellationToken);

    /// <summary>Stops accepting, cancels every handler (Asterisk then continues each dialplan) and waits for the sessions.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        await _watchdog.DisposeAsync().ConfigureAwait(false);
    }

    private Task ServeAsync(AcceptedConnection connection, CancellationToken stopping) =>
        new AgiConnection(connection.Socket, connection.Slot, _options, _router, _watchdog).RunAsync(stopping);

    internal static void Log(FastAgiOptions options, FastAgiLogLevel level, string message, EndPoint? remote, Exception? exception = null)
    {
        if (options.Log is not { } log) return;
        try
        {
            log(new FastAgiLogEntry(level, message, remote, exception));
        }
        catch (Exception)
        {
            // A failing log sink must never take a call down with it.
        }
    }
}
