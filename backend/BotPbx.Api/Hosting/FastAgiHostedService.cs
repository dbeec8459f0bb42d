using System.Net;
using BotPbx.Api.Configuration;
using BotPbx.Asterisk.Agi;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.Hosting;

/// <summary>Starts the FastAGI server on AGI_HOST:AGI_PORT with the shared router, and stops it with the host.</summary>
public sealed partial class FastAgiHostedService(IOptions<AgiOptions> options, AgiRouter router, ILogger<FastAgiHostedService> logger)
    : IHostedService, IAsyncDisposable
{
    private FastAgiServer? _server;

    /// <summary>Where the server listens; null while it is not running (disabled or not started).</summary>
    public IPEndPoint? LocalEndPoint => _server?.LocalEndPoint;

    public int ActiveSessions => _server?.ActiveSessions ?? 0;

    /// <summary>
    /// Where Asterisk reaches this server, for the dialplan's <c>AGI(agi://host:port/ivr/id)</c>: AGI_HOST, or loopback
    /// when it listens on every address (0.0.0.0 is not an address to dial), and the port it really listens on
    /// (AGI_PORT=0 picks a free one). When the server is disabled another process serves FastAGI on AGI_HOST:AGI_PORT.
    /// </summary>
    public (string Host, int Port) DialplanAddress()
    {
        var settings = options.Value;
        var host = IPAddress.TryParse(settings.Host, out var address) && address.Equals(IPAddress.Any) ? IPAddress.Loopback.ToString() : settings.Host;
        return (host, LocalEndPoint?.Port ?? settings.Port);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }
        var server = new FastAgiServer(new FastAgiOptions
        {
            BindAddress = ProtocolServersHosting.ParseBindAddress(settings.Host, "AGI_HOST"),
            Port = settings.Port,
            Log = Write,
        }, router);
        await server.StartAsync(cancellationToken);
        _server = server;
        LogListening(logger, server.LocalEndPoint);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server) await server.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server) await server.DisposeAsync();
        _server = null;
    }

    private void Write(FastAgiLogEntry entry)
    {
        var level = entry.Level switch
        {
            FastAgiLogLevel.Error => LogLevel.Error,
            FastAgiLogLevel.Warning => LogLevel.Warning,
            FastAgiLogLevel.Information => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        LogEntry(logger, level, entry.Remote, entry.Message, entry.Exception);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "FastAGI server listening on {EndPoint}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FastAGI server disabled (AGI_ENABLED=false): IVRs will not answer calls")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Message = "FastAGI {Remote}: {Message}")]
    private static partial void LogEntry(ILogger logger, LogLevel level, EndPoint? remote, string message, Exception? exception);
}
