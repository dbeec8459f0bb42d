using System.Net;

namespace BotPbx.Asterisk.AudioSocket;

/// <summary>
/// The AudioSocket server Asterisk's <c>AudioSocket(uuid,host:9092)</c> and ARI externalMedia connect to. Listening,
/// accepting, the session limit and the lifecycle are the shared <see cref="ProtocolTcpServer"/>'s; this class adds what
/// one AudioSocket connection does (<see cref="AudioSocketConnection"/>). A peer sending an unknown kind or an oversized
/// frame loses only its own connection. Sessions are registered by UUID in <see cref="Sessions"/> and, when a handler is
/// given, run by it. <see cref="StopAsync"/> stops accepting, hangs up every session (Asterisk continues each dialplan)
/// and waits.
/// </summary>
public sealed class AudioSocketServer : IProtocolServer
{
    private readonly AudioSocketOptions _options;
    private readonly AudioSocketHandler? _handler;
    private readonly ProtocolTcpServer _server;

    /// <param name="options">Settings; validated here.</param>
    /// <param name="sessions">Where sessions are registered by UUID; shared with whoever looks them up.</param>
    /// <param name="handler">Runs each session; null leaves sessions to be found through <paramref name="sessions"/>.</param>
    public AudioSocketServer(AudioSocketOptions options, AudioSocketSessionRegistry sessions, AudioSocketHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessions);
        options.Validate();
        _options = options;
        Sessions = sessions;
        _handler = handler;
        _server = new ProtocolTcpServer(
            new ProtocolTcpServerSettings("AudioSocket", options.BindAddress, options.Port, options.MaxConcurrentSessions, options.CloseTimeout,
                (level, message, remote, exception) => Log(options, (AudioSocketLogLevel)level, message, Guid.Empty, remote, exception)),
            ServeAsync);
    }

    public AudioSocketSessionRegistry Sessions { get; }

    /// <summary>The bound address; with <see cref="AudioSocketOptions.Port"/> 0 this tells the port that was picked.</summary>
    public IPEndPoint LocalEndPoint => _server.LocalEndPoint;

    /// <summary>Connections being served right now.</summary>
    public int ActiveSessions => _server.LiveSessions;

    public Task StartAsync(CancellationToken cancellationToken) => _server.StartAsync(cancellationToken);

    /// <summary>Stops accepting, hangs up every session (Asterisk then continues each dialplan) and waits for them.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private Task ServeAsync(AcceptedConnection connection, CancellationToken stopping) =>
        new AudioSocketConnection(connection.Socket, _options, Sessions, _handler).RunAsync(stopping);

    internal static void Log(
        AudioSocketOptions options, AudioSocketLogLevel level, string message, Guid session, EndPoint? remote, Exception? exception = null)
    {
        if (options.Log is not { } log) return;
        try
        {
            log(new AudioSocketLogEntry(level, message, session, remote, exception));
        }
        catch (Exception)
        {
            // A failing log sink must never take a call down with it.
        }
    }
}
