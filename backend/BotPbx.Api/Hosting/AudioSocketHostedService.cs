using BotPbx.Asterisk;
using BotPbx.Asterisk.AudioSocket;
using BotPbx.Voice.Pipeline;
using Microsoft.Extensions.Options;
using ServerOptions = BotPbx.Asterisk.AudioSocket.AudioSocketOptions;

namespace BotPbx.Api.Hosting;

/// <summary>
/// Runs the AudioSocket server on AUDIOSOCKET_HOST:AUDIOSOCKET_PORT. Sessions are only registered by UUID: the feature
/// that set a call up (an AI agent) finds its audio in the shared registry.
/// </summary>
public sealed partial class AudioSocketHostedService(
    IOptions<Configuration.AudioSocketOptions> options, AudioSocketSessionRegistry sessions, FrameSentSignals frames,
    ILogger<AudioSocketHostedService> logger)
    : ProtocolServerHost(logger)
{
    protected override string DisplayName => "AudioSocket server";

    protected override string DisabledConsequence => "AUDIOSOCKET_ENABLED=false: AI agents get no audio";

    protected override IProtocolServer? CreateServer()
    {
        var settings = options.Value;
        if (!settings.Enabled) return null;
        return new AudioSocketServer(new ServerOptions
        {
            BindAddress = ProtocolServersHosting.ParseBindAddress(settings.Host, "AUDIOSOCKET_HOST"),
            Port = settings.Port,
            // When each agent frame really left: the waterfall's "first frame sent" and the late-frame figures.
            AudioFrameSent = frames.OnFrameSent,
            Log = entry =>
            {
                var level = ToLogLevel((int)entry.Level);
                LogEntry(logger, level, entry.Session, entry.Message, entry.Exception);
            },
        }, sessions);
    }

    [LoggerMessage(Message = "AudioSocket {Session}: {Message}")]
    private static partial void LogEntry(ILogger logger, LogLevel level, Guid session, string message, Exception? exception);
}
