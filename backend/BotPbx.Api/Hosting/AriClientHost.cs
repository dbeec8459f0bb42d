using BotPbx.Api.Features.SystemStatus;
using BotPbx.Asterisk.Ari;
using Microsoft.Extensions.Options;
using ClientOptions = BotPbx.Asterisk.Ari.AriOptions;
using HostAriOptions = BotPbx.Api.Configuration.AriOptions;

namespace BotPbx.Api.Hosting;

/// <summary>
/// The process's one ARI connection (ARI_URL, ARI_USER, ARI_PASSWORD), subscribed as the <c>botpbx</c> Stasis
/// application. It reads every event so the client's bounded buffer never stalls the socket, and hands each channel
/// that enters Stasis to the feature mapped on <see cref="StasisRouter"/>. A channel nobody claims is sent back to the
/// dialplan at once: Asterisk would otherwise leave the caller in silence inside Stasis.
/// </summary>
public sealed partial class AriClientHost(
    IOptions<HostAriOptions> options, StasisRouter router, AriChannelEventHub channelEvents, TimeProvider time, ILogger<AriClientHost> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private AriClient? _client;
    private Task _reading = Task.CompletedTask;
    private DateTimeOffset? _since;
    private int _disposed;

    public AriClient? Client => _client;

    public AriConnectionStatus Status
    {
        get
        {
            var settings = options.Value;
            if (_client is not { } client) return new AriConnectionStatus(AmiStates.NotConfigured);
            var state = client.Events.State switch
            {
                AriConnectionState.Connected => AmiStates.Connected,
                AriConnectionState.Connecting => AmiStates.Connecting,
                _ => AmiStates.Disconnected,
            };
            return new AriConnectionStatus(state, settings.Url, _since, client.Events.LastError?.Message);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.User) || string.IsNullOrWhiteSpace(settings.Password))
        {
            LogNotConfigured(logger);
            return Task.CompletedTask;
        }
        if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var url))
        {
            throw new InvalidOperationException($"ARI_URL must be an absolute URL such as http://127.0.0.1:8088/ari, not '{settings.Url}'.");
        }
        var client = new AriClient(new ClientOptions { BaseUrl = url, Username = settings.User, Password = settings.Password });
        _since = time.GetUtcNow();
        client.Events.StateChanged += (_, change) =>
        {
            _since = time.GetUtcNow();
            LogState(logger, url, change.Current);
        };
        client.Events.Start();
        _client = client;
        _reading = Task.Run(() => ReadEventsAsync(client, _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host torn down by its test server may dispose singletons before it stops hosted services.
        if (Volatile.Read(ref _disposed) != 0) return;
        await _stopping.CancelAsync();
        if (_client is { } client) await client.Events.StopAsync(cancellationToken);
        await _reading.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (!_stopping.IsCancellationRequested) await _stopping.CancelAsync();
        if (Interlocked.Exchange(ref _client, null) is { } client) await client.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task ReadEventsAsync(AriClient client, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var ariEvent in client.Events.Reader.ReadAllAsync(cancellationToken))
            {
                if (ariEvent is StasisStartEvent start) _ = HandleStartAsync(client, start, cancellationToken);
                channelEvents.Publish(ariEvent);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task HandleStartAsync(AriClient client, StasisStartEvent start, CancellationToken cancellationToken)
    {
        var channel = start.Channel.Id;
        try
        {
            if (router.TryGet(start, out var handler))
            {
                await handler(client, start, cancellationToken);
                return;
            }
            LogUnclaimed(logger, channel, string.Join(',', start.Args));
            await client.Channels.ContinueInDialplanAsync(channel, cancellationToken);
        }
        catch (Exception e) when (e is AriException or AriTransportException or TimeoutException)
        {
            LogHandlerFailed(logger, channel, e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping; Asterisk sends the channel back to the dialplan when the application goes away.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ARI is not configured (ARI_USER, ARI_PASSWORD); AI agents and live monitoring are unavailable")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "ARI {Url} is {State}")]
    private static partial void LogState(ILogger logger, Uri url, AriConnectionState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} entered Stasis with arguments '{Args}' that no feature handles; continuing in the dialplan")]
    private static partial void LogUnclaimed(ILogger logger, string channel, string args);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling channel {Channel} in Stasis failed")]
    private static partial void LogHandlerFailed(ILogger logger, string channel, Exception exception);
}
