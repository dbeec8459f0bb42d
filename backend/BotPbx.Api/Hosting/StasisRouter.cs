using System.Collections.Concurrent;
using BotPbx.Asterisk.Ari;

namespace BotPbx.Api.Hosting;

/// <summary>Handles one channel that entered <c>Stasis(botpbx,&lt;kind&gt;,…)</c>.</summary>
public delegate Task StasisHandler(AriClient ari, StasisStartEvent start, CancellationToken cancellationToken);

/// <summary>
/// Picks the feature that owns a channel entering the BotPBX Stasis application by its first argument: the
/// generated dialplan hands AI-agent calls over as <c>Stasis(botpbx,agent,&lt;id&gt;)</c>, so "agent" is the key.
/// </summary>
public sealed class StasisRouter
{
    private static readonly StasisHandler Owned = (_, _, _) => Task.CompletedTask;
    private readonly ConcurrentDictionary<string, StasisHandler> _handlers = new(StringComparer.OrdinalIgnoreCase);
    private readonly AriChannelEventHub _channels;

    public StasisRouter()
        : this([], new AriChannelEventHub())
    {
    }

    /// <summary>Maps every feature's handler registered in the container (<see cref="IStasisFeature"/>); channels a
    /// feature claimed on <paramref name="channels"/> are left to it.</summary>
    public StasisRouter(IEnumerable<IStasisFeature> features, AriChannelEventHub channels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(channels);
        _channels = channels;
        foreach (var feature in features) Map(feature.Kind, feature.HandleAsync);
    }

    public StasisRouter Map(string kind, StasisHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(handler);
        if (!_handlers.TryAdd(kind, handler)) throw new ArgumentException($"A Stasis handler for '{kind}' is already mapped.", nameof(kind));
        return this;
    }

    public bool TryGet(StasisStartEvent start, out StasisHandler handler)
    {
        ArgumentNullException.ThrowIfNull(start);
        handler = null!;
        // Channels a feature created itself (externalMedia, whose argument is its UUID; a transfer leg) are its own.
        if (_channels.IsClaimed(start.Channel.Id))
        {
            handler = Owned;
            return true;
        }
        return start.Args.Count > 0 && _handlers.TryGetValue(start.Args[0], out handler!);
    }
}

/// <summary>A feature that owns the channels entering Stasis with <see cref="Kind"/> as their first argument.</summary>
public interface IStasisFeature
{
    string Kind { get; }

    Task HandleAsync(AriClient ari, StasisStartEvent start, CancellationToken cancellationToken);
}
