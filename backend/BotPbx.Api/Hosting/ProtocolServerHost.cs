using System.Net;
using BotPbx.Asterisk;

namespace BotPbx.Api.Hosting;

/// <summary>
/// The lifetime every server Asterisk dials into shares: started with the host on its configured address unless
/// switched off, stopped with the host, and observable (where it listens, how many calls it serves) for the status page.
/// </summary>
public abstract partial class ProtocolServerHost(ILogger logger) : IHostedService, IAsyncDisposable
{
    private IProtocolServer? _server;

    /// <summary>Where the server listens; null while it is not running (switched off, or not started yet).</summary>
    public IPEndPoint? LocalEndPoint => _server?.LocalEndPoint;

    public int ActiveSessions => _server?.ActiveSessions ?? 0;

    /// <summary>How the log names the server, e.g. "FastAGI server".</summary>
    protected abstract string DisplayName { get; }

    /// <summary>What an operator loses when it is switched off, named with the variable that does it.</summary>
    protected abstract string DisabledConsequence { get; }

    /// <summary>The server to run, or null when the settings switch it off.</summary>
    protected abstract IProtocolServer? CreateServer();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var server = CreateServer();
        if (server is null)
        {
            LogDisabled(logger, DisplayName, DisabledConsequence);
            return;
        }
        await server.StartAsync(cancellationToken);
        _server = server;
        LogListening(logger, DisplayName, server.LocalEndPoint);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server) await server.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _server, null) is { } server) await server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The protocol libraries log with their own level enums (Debug, Information, Warning, Error) to stay
    /// free of a logging dependency; this maps them by that shared order.</summary>
    protected static LogLevel ToLogLevel(int level) => level switch
    {
        3 => LogLevel.Error,
        2 => LogLevel.Warning,
        1 => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Server} listening on {EndPoint}")]
    private static partial void LogListening(ILogger logger, string server, IPEndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Server} switched off ({Consequence})")]
    private static partial void LogDisabled(ILogger logger, string server, string consequence);
}
