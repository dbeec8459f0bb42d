using BotPbx.Api.Configuration;
using BotPbx.Asterisk.Ami;
using Microsoft.Extensions.Options;
using ClientOptions = BotPbx.Asterisk.Ami.AmiOptions;
using HostAmiOptions = BotPbx.Api.Configuration.AmiOptions;

namespace BotPbx.Api.Features.Asterisk;

/// <summary>
/// Owns the one AMI client of the process: started with the host when AMI_USER and AMI_SECRET are set (it then
/// connects and reconnects in the background), disposed when the host stops. Not configured → no client.
/// </summary>
public sealed partial class AmiClientHost(IOptions<HostAmiOptions> options, ILogger<AmiClientHost> logger) : IHostedService, IAsyncDisposable
{
    private AmiClient? _client;

    public IAmiClient? Client => _client;

    public HostAmiOptions Options => options.Value;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.IsConfigured || string.IsNullOrWhiteSpace(o.Host))
        {
            LogNotConfigured(logger);
            return Task.CompletedTask;
        }
        // Events on: this is the process's one AMI connection, and other features subscribe to it (async Originate
        // waits for OriginateResponse, the live monitor follows channels).
        _client = new AmiClient(new ClientOptions
        {
            Host = o.Host,
            Port = o.Port,
            Username = o.User!,
            Secret = o.Secret!,
            Events = "on",
            ActionTimeout = o.ActionTimeout,
            // Skipped unreadable messages and subscribers losing events must reach the operator (issues 8 and 13).
            Log = entry =>
            {
                var level = ToLogLevel(entry.Level);
                LogClientEntry(logger, level, entry.Message);
            },
        });
        _client.StatusChanged += (_, status) => LogState(logger, o.Host, o.Port, status.State);
        _client.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _client, null) is { } client) await client.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AMI is not configured (AMI_HOST, AMI_USER, AMI_SECRET); Asterisk apply and status are unavailable")]
    private static partial void LogNotConfigured(ILogger logger);

    private static LogLevel ToLogLevel(AmiLogLevel level) => level switch
    {
        AmiLogLevel.Error => LogLevel.Error,
        AmiLogLevel.Warning => LogLevel.Warning,
        AmiLogLevel.Information => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    [LoggerMessage(Message = "AMI: {Message}")]
    private static partial void LogClientEntry(ILogger logger, LogLevel level, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "AMI {Host}:{Port} is {State}")]
    private static partial void LogState(ILogger logger, string host, int port, AmiConnectionState state);
}
