using System.Collections.Frozen;
using BotPbx.Asterisk.Ami;

namespace BotPbx.Telephony.Live;

/// <summary>
/// The PBX as it is right now, fed by AMI events: channels, calls (legs grouped by Linkedid), extension presence and
/// queues. Pure logic: no sockets, no HTTP, no SQL. One writer at a time (the caller serialises <see cref="Apply"/>
/// and <see cref="Resync"/>); readers take views under the same lock (<see cref="Gate"/>).
/// Robust to what a real stream does: events for channels it never saw (it started mid-call, or events were lost)
/// create them from the channel block every channel event carries; events after a Hangup are ignored (tombstones);
/// a Linkedid that changes (a bridge adopts the oldest Linkedid) moves the channel to that call.
/// Every method returns what changed, for the feeds.
/// </summary>
public sealed partial class LiveModel
{
    private const int TombstoneCapacity = 8192;

    private readonly Dictionary<string, ChannelState> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CallState> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExtensionState> _extensions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueueState> _queues = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hungUp = new(StringComparer.Ordinal);
    private readonly Queue<string> _hungUpOrder = new();
    private readonly FrozenDictionary<string, Action<AmiEvent, Context>> _handlers;
    private LiveDirectory _directory = LiveDirectory.Empty;

    public LiveModel()
    {
        _handlers = new Dictionary<string, Action<AmiEvent, Context>>(StringComparer.OrdinalIgnoreCase)
        {
            ["Newchannel"] = OnChannelEvent,
            ["Newstate"] = OnNewstate,
            ["Newexten"] = OnNewexten,
            ["NewCallerid"] = OnChannelEvent,
            ["NewConnectedLine"] = OnChannelEvent,
            ["Rename"] = OnRename,
            ["DialBegin"] = OnDialBegin,
            ["DialEnd"] = OnDialEnd,
            ["BridgeEnter"] = OnBridgeEnter,
            ["BridgeLeave"] = OnBridgeLeave,
            ["Hangup"] = OnHangup,
            ["BlindTransfer"] = OnBlindTransfer,
            ["AttendedTransfer"] = OnAttendedTransfer,
            ["QueueCallerJoin"] = OnQueueCallerJoin,
            ["QueueCallerLeave"] = OnQueueCallerLeave,
            ["QueueCallerAbandon"] = OnQueueCallerAbandon,
            ["QueueMemberStatus"] = OnQueueMember,
            ["QueueMemberAdded"] = OnQueueMember,
            ["QueueMemberPause"] = OnQueueMember,
            ["QueueMemberPaused"] = OnQueueMember,
            ["QueueMemberRemoved"] = OnQueueMemberRemoved,
            ["AgentConnect"] = OnAgentConnect,
            ["AgentComplete"] = OnAgentComplete,
            ["ExtensionStatus"] = OnExtensionStatus,
            ["ContactStatus"] = OnContactStatus,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Readers lock this while they take views; the writer holds it while applying.</summary>
    public Lock Gate { get; } = new();

    public int ChannelCount => _channels.Count;

    public int CallCount => _calls.Count;

    public LiveDirectory Directory => _directory;

    /// <summary>Event names the model reads; anything else is skipped at once (a subscription filter can use this).</summary>
    public bool Handles(string eventName) => _handlers.ContainsKey(eventName);

    /// <summary>Applies one event. Unknown event names cost a dictionary lookup.</summary>
    public IReadOnlyList<LiveChange> Apply(AmiEvent amiEvent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(amiEvent);
        if (!_handlers.TryGetValue(amiEvent.Name, out var handler)) return [];
        var context = new Context(now);
        lock (Gate) handler(amiEvent, context);
        return context.Flush(this);
    }

    /// <summary>
    /// New configuration (extensions, queues, trunks): every configured extension gets a presence entry, names are
    /// refreshed, removed extensions disappear.
    /// </summary>
    public IReadOnlyList<LiveChange> SetDirectory(LiveDirectory directory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var context = new Context(now);
        lock (Gate)
        {
            _directory = directory;
            foreach (var number in _extensions.Keys.Where(n => !directory.Extensions.ContainsKey(n)).ToList()) _extensions.Remove(number);
            foreach (var (number, entry) in directory.Extensions)
            {
                var ext = ExtensionFor(number, context);
                if (ext is null) continue;
                if (ext.Name != entry.Name || ext.SavedDnd != entry.SavedDnd)
                {
                    context.Before(ext, this);
                    ext.Name = entry.Name;
                    ext.SavedDnd = entry.SavedDnd;
                }
            }
            foreach (var queue in _queues.Values) context.TouchQueue(queue);
            // Legs of extensions the directory did not know yet (created just before the call) now count.
            foreach (var call in _calls.Values)
            {
                foreach (var channel in call.Channels)
                {
                    if (channel.Endpoint is not { } endpoint || !IsExtension(endpoint) || call.Extensions.Contains(endpoint)) continue;
                    call.Extensions.Add(endpoint);
                    context.Touch(call);
                }
            }
        }
        return context.Flush(this);
    }

    /// <summary>A DND value read from AstDB (null: no key, the saved setting applies).</summary>
    public IReadOnlyList<LiveChange> SetDnd(string extension, bool? value, DateTimeOffset now)
    {
        var context = new Context(now);
        lock (Gate)
        {
            if (ExtensionFor(extension, context) is { } ext && ext.DndOverride != value)
            {
                context.Before(ext, this);
                ext.DndOverride = value;
            }
        }
        return context.Flush(this);
    }

    public IReadOnlyList<LiveCallView> Calls()
    {
        lock (Gate) return [.. _calls.Values.OrderBy(c => c.StartedAt).Select(ToView)];
    }

    public LiveCallView? FindCall(string callId)
    {
        lock (Gate) return _calls.TryGetValue(callId, out var call) ? ToView(call) : null;
    }

    /// <summary>The call a channel belongs to (by name), e.g. to attribute an AI agent's conversation.</summary>
    public string? CallIdOfChannel(string channel)
    {
        lock (Gate) return _channels.Values.FirstOrDefault(c => string.Equals(c.Name, channel, StringComparison.Ordinal))?.Linkedid;
    }

    public IReadOnlyList<LiveChannelView> Channels()
    {
        lock (Gate) return [.. _channels.Values.OrderBy(c => c.CreatedAt).Select(c => c.ToView())];
    }

    public IReadOnlyList<LiveExtensionView> Extensions()
    {
        lock (Gate) return [.. _extensions.Values.OrderBy(e => e.Number, StringComparer.Ordinal).Select(ToView)];
    }

    public IReadOnlyList<LiveQueueView> Queues()
    {
        lock (Gate) return [.. _queues.Values.OrderBy(q => q.Queue, StringComparer.Ordinal).Select(ToView)];
    }

    /// <summary>The extension numbers the directory knows (for DND reads).</summary>
    public IReadOnlyList<string> ExtensionNumbers()
    {
        lock (Gate) return [.. _extensions.Keys];
    }

    private void Tombstone(string uniqueid)
    {
        if (!_hungUp.Add(uniqueid)) return;
        _hungUpOrder.Enqueue(uniqueid);
        if (_hungUpOrder.Count > TombstoneCapacity) _hungUp.Remove(_hungUpOrder.Dequeue());
    }
}
