namespace BotPbx.Telephony.Live;

public sealed partial class LiveModel
{
    /// <summary>
    /// What one Apply touched, turned into changes once the event is fully applied (so a change carries the call as it
    /// is after the event). Extensions remember their state before the first modification, to report the previous status.
    /// </summary>
    private sealed class Context(DateTimeOffset now)
    {
        private readonly List<Entry> _entries = [];
        private readonly List<CallState> _touchedCalls = [];
        private readonly List<(ExtensionState Extension, string Status, string Signature)> _extensions = [];
        private readonly List<QueueState> _queues = [];

        public DateTimeOffset Now { get; } = now;

        public void Started(CallState call) => _entries.Add(new Entry(call, EntryKind.Started, null, null, null, null));

        public void Answered(CallState call) => _entries.Add(new Entry(call, EntryKind.Answered, null, null, null, null));

        public void Transferred(CallState call, string from, string to, string type) => _entries.Add(new Entry(call, EntryKind.Transferred, from, to, type, null));

        /// <summary>An ended call's change is built at once: its state is about to be dropped.</summary>
        public void Ended(LiveChange change) => _entries.Add(new Entry(null, EntryKind.Ended, null, null, null, change));

        public void Touch(CallState call)
        {
            if (!_touchedCalls.Contains(call)) _touchedCalls.Add(call);
        }

        /// <summary>Call before modifying an extension: the first call records its previous presence.</summary>
        public void Before(ExtensionState extension, LiveModel model)
        {
            foreach (var seen in _extensions) if (ReferenceEquals(seen.Extension, extension)) return;
            var view = model.ToView(extension);
            _extensions.Add((extension, view.Status, Signature(view)));
        }

        /// <summary>A newly created extension: everything about it is a change.</summary>
        public void Created(ExtensionState extension) => _extensions.Add((extension, "unavailable", ""));

        public void TouchQueue(QueueState queue)
        {
            if (!_queues.Contains(queue)) _queues.Add(queue);
        }

        public List<LiveChange> Flush(LiveModel model)
        {
            if (_entries.Count == 0 && _touchedCalls.Count == 0 && _extensions.Count == 0 && _queues.Count == 0) return [];
            var changes = new List<LiveChange>(_entries.Count + _touchedCalls.Count + 1);
            lock (model.Gate)
            {
                foreach (var entry in _entries)
                {
                    if (entry.Kind == EntryKind.Ended)
                    {
                        changes.Add(entry.Change!);
                        continue;
                    }
                    var call = entry.Call!;
                    _touchedCalls.Remove(call);
                    if (!model._calls.ContainsKey(call.Linkedid)) continue;
                    var view = model.ToView(call);
                    changes.Add(entry.Kind switch
                    {
                        EntryKind.Started => new CallStarted(view, Now),
                        EntryKind.Answered => new CallAnswered(view, Now),
                        _ => new CallTransferred(view, entry.From!, entry.To!, entry.Type!, Now),
                    });
                }
                foreach (var call in _touchedCalls)
                {
                    if (model._calls.ContainsKey(call.Linkedid)) changes.Add(new CallUpdated(model.ToView(call), Now));
                }
                foreach (var (extension, status, signature) in _extensions)
                {
                    if (!model._extensions.ContainsKey(extension.Number)) continue;
                    var view = model.ToView(extension);
                    if (Signature(view) == signature) continue;
                    if (view.Status != status)
                    {
                        extension.Since = Now;
                        view = view with { Since = Now };
                    }
                    changes.Add(new ExtensionChanged(view, status, Now));
                }
                foreach (var queue in _queues)
                {
                    if (model._queues.ContainsKey(queue.Queue)) changes.Add(new QueueChanged(model.ToView(queue), Now));
                }
            }
            return changes;
        }

        private static string Signature(LiveExtensionView view) =>
            $"{view.Name}|{view.Status}|{view.HintState}|{view.Dnd}|{string.Join(',', view.Contacts.Select(c => c.Uri + "=" + c.Status))}";

        private enum EntryKind { Started, Answered, Transferred, Ended }

        private sealed record Entry(CallState? Call, EntryKind Kind, string? From, string? To, string? Type, LiveChange? Change);
    }
}
