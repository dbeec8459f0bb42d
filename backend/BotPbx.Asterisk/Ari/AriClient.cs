using System.Collections.Concurrent;

namespace BotPbx.Asterisk.Ari;

/// <summary>The ARI client: REST resources plus the event socket, sharing one <see cref="AriOptions"/>.
/// <code>
/// await using var ari = new AriClient(options);
/// ari.Events.Start();
/// await foreach (var e in ari.Events.Reader.ReadAllAsync(ct)) { ... }
/// </code></summary>
public sealed class AriClient : IAsyncDisposable
{
    private readonly AriHttp http;
    private readonly ConcurrentDictionary<string, byte> eventSources = new(StringComparer.Ordinal);

    public AriClient(AriOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        http = new AriHttp(options);
        Channels = new AriChannels(http);
        Bridges = new AriBridges(http);
        Playbacks = new AriPlaybacks(http);
        Recordings = new AriRecordings(http);
        Applications = new AriApplications(http);
        Asterisk = new AriAsterisk(http);
        Events = new AriEventListener(options, ResubscribeAsync);
    }

    public AriOptions Options { get; }

    public AriChannels Channels { get; }

    public AriBridges Bridges { get; }

    public AriPlaybacks Playbacks { get; }

    public AriRecordings Recordings { get; }

    public AriApplications Applications { get; }

    public AriAsterisk Asterisk { get; }

    /// <summary>The event socket for <see cref="AriOptions.Application"/>; call <see cref="AriEventListener.Start"/>.</summary>
    public AriEventListener Events { get; }

    /// <summary>Subscribes this application to an event source (<c>endpoint:PJSIP/1001</c>, <c>bridge:&lt;id&gt;</c>…)
    /// and remembers it, so it is subscribed again after every reconnect.</summary>
    public async Task SubscribeAsync(string eventSource, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventSource);
        eventSources[eventSource] = 0;
        await Applications.SubscribeAsync(Options.Application, [eventSource], cancellationToken).ConfigureAwait(false);
    }

    public async Task UnsubscribeAsync(string eventSource, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventSource);
        eventSources.TryRemove(eventSource, out _);
        await Applications.UnsubscribeAsync(Options.Application, [eventSource], cancellationToken).ConfigureAwait(false);
    }

    private async Task ResubscribeAsync(CancellationToken cancellationToken)
    {
        var sources = eventSources.Keys.Order(StringComparer.Ordinal).ToArray();
        if (sources.Length > 0)
            await Applications.SubscribeAsync(Options.Application, sources, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync().ConfigureAwait(false);
        http.Dispose();
    }
}
