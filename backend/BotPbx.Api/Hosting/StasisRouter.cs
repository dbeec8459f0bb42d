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
    private readonly ConcurrentDictionary<string, StasisHandler> _handlers = new(StringComparer.OrdinalIgnoreCase);

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
        return start.Args.Count > 0 && _handlers.TryGetValue(start.Args[0], out handler!);
    }
}
