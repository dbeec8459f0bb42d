using System.Net;
using BotPbx.Api.Configuration;
using BotPbx.Asterisk;
using BotPbx.Asterisk.Agi;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.Hosting;

/// <summary>Runs the FastAGI server on AGI_HOST:AGI_PORT with the shared router that features map their paths on.</summary>
public sealed partial class FastAgiHostedService(IOptions<AgiOptions> options, AgiRouter router, ILogger<FastAgiHostedService> logger)
    : ProtocolServerHost(logger)
{
    protected override string DisplayName => "FastAGI server";

    protected override string DisabledConsequence => "AGI_ENABLED=false: IVRs will not answer calls";

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

    protected override IProtocolServer? CreateServer()
    {
        var settings = options.Value;
        if (!settings.Enabled) return null;
        return new FastAgiServer(new FastAgiOptions
        {
            BindAddress = ProtocolServersHosting.ParseBindAddress(settings.Host, "AGI_HOST"),
            Port = settings.Port,
            Log = entry =>
            {
                var level = ToLogLevel((int)entry.Level);
                LogEntry(logger, level, entry.Remote, entry.Message, entry.Exception);
            },
        }, router);
    }

    [LoggerMessage(Message = "FastAGI {Remote}: {Message}")]
    private static partial void LogEntry(ILogger logger, LogLevel level, EndPoint? remote, string message, Exception? exception);
}
