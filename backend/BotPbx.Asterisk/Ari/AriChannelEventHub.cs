using System.Collections.Concurrent;

namespace BotPbx.Asterisk.Ari;

/// <summary>
/// Which feature owns which channel, and its events. Channels a feature creates itself (an externalMedia channel, a
/// transfer leg) enter the Stasis application with arguments no route matches; claimed by id before they are created,
/// they are left to that feature. Hands ARI channel events to whoever watches that channel: the process reads the one event socket, and a feature
/// that runs a call (an AI agent) needs to hear when its caller hangs up or its transfer leg answers. Watchers are
/// called on the event reader's thread: they must not block (complete a task, cancel a token).
/// </summary>
public sealed class AriChannelEventHub
{
    private readonly ConcurrentDictionary<string, ImmutableWatchers> _watchers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _claimed = new(StringComparer.Ordinal);

    /// <summary>Marks <paramref name="channelId"/> as the caller's own until disposed.</summary>
    public IDisposable Claim(string channelId)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        _claimed[channelId] = 0;
        return new Release(_claimed, channelId);
    }

    public bool IsClaimed(string channelId) => _claimed.ContainsKey(channelId);

    /// <summary>Calls <paramref name="watcher"/> with every later event about <paramref name="channelId"/> until disposed.</summary>
    public IDisposable Watch(string channelId, Action<AriChannelEvent> watcher)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentNullException.ThrowIfNull(watcher);
        _watchers.AddOrUpdate(channelId, _ => new ImmutableWatchers([watcher]), (_, list) => new ImmutableWatchers([.. list.Items, watcher]));
        return new Subscription(this, channelId, watcher);
    }

    public void Publish(AriEvent ariEvent)
    {
        if (ariEvent is not AriChannelEvent channelEvent || _watchers.IsEmpty) return;
        if (!_watchers.TryGetValue(channelEvent.Channel.Id, out var list)) return;
        foreach (var watcher in list.Items)
        {
            try
            {
                watcher(channelEvent);
            }
#pragma warning disable CA1031 // One feature's watcher must not stop events reaching the others.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private void Remove(string channelId, Action<AriChannelEvent> watcher)
    {
        while (_watchers.TryGetValue(channelId, out var list))
        {
            var rest = list.Items.Where(w => w != watcher).ToArray();
            if (rest.Length == 0 ? _watchers.TryRemove(new KeyValuePair<string, ImmutableWatchers>(channelId, list)) : _watchers.TryUpdate(channelId, new ImmutableWatchers(rest), list)) return;
        }
    }

    private sealed class Release(ConcurrentDictionary<string, byte> claimed, string channelId) : IDisposable
    {
        public void Dispose() => claimed.TryRemove(channelId, out _);
    }

    private sealed record ImmutableWatchers(Action<AriChannelEvent>[] Items);

    private sealed class Subscription(AriChannelEventHub hub, string channelId, Action<AriChannelEvent> watcher) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) hub.Remove(channelId, watcher);
        }
    }
}
