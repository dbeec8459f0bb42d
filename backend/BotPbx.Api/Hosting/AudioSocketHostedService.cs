using System.Net;
using BotPbx.Api.Configuration;
using BotPbx.Asterisk.AudioSocket;
using Microsoft.Extensions.Options;
using ServerOptions = BotPbx.Asterisk.AudioSocket.AudioSocketOptions;

namespace BotPbx.Api.Hosting;

/// <summary>
/// Starts the AudioSocket server on AUDIOSOCKET_HOST:AUDIOSOCKET_PORT. Sessions are only registered by UUID: the
/// feature that set a call up (an AI agent) finds its audio in the registry.
/// </summary>
public sealed partial class AudioSocketHostedService(
    IOptions<Configuration.AudioSocketOptions> options, AudioSocketSessionRegistry sessions, ILogger<AudioSocketHostedService> logger)
    : IHostedService, IAsyncDisposable
{
    private AudioSocketServer? _server;

    public IPEndPoint? LocalEndPoint => _server?.LocalEndPoint;

    public int ActiveSessions => _server?.ActiveSessions ?? 0;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }
        var server = new AudioSocketServer(new ServerOptions
        {
            BindAddress = ProtocolServersHosting.ParseBindAddress(settings.Host, "AUDIOSOCKET_HOST"),
            Port = settings.Port,
            Log = Write,
        }, sessions);
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

    private void Write(AudioSocketLogEntry entry)
    {
        var level = entry.Level switch
        {
            AudioSocketLogLevel.Error => LogLevel.Error,
            AudioSocketLogLevel.Warning => LogLevel.Warning,
            AudioSocketLogLevel.Information => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        LogEntry(logger, level, entry.Session, entry.Message, entry.Exception);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AudioSocket server listening on {EndPoint}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AudioSocket server disabled (AUDIOSOCKET_ENABLED=false): AI agents get no audio")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Message = "AudioSocket {Session}: {Message}")]
    private static partial void LogEntry(ILogger logger, LogLevel level, Guid session, string message, Exception? exception);
}
