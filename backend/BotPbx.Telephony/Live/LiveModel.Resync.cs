using System.Globalization;
using BotPbx.Asterisk.Ami;

namespace BotPbx.Telephony.Live;

public sealed partial class LiveModel
{
    /// <summary>
    /// Replaces the model by what Asterisk reports now, keeping what the lists cannot say (when a call started and was
    /// answered, by whom, its first party) for calls that are still there, and reporting the difference as changes:
    /// calls that ended meanwhile end (call.end), calls that began are new (call.new), presence and queues that moved
    /// are reported. Applying the same snapshot twice reports nothing the second time.
    /// </summary>
    public IReadOnlyList<LiveChange> Resync(LiveResyncInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var context = new Context(now);
        lock (Gate)
        {
            ResyncCalls(input, context);
            ResyncQueues(input, context);
            ResyncExtensions(input, context);
        }
        return context.Flush(this);
    }

    private void ResyncCalls(LiveResyncInput input, Context context)
    {
        var oldCalls = new Dictionary<string, CallState>(_calls, StringComparer.Ordinal);
        var oldSignatures = oldCalls.ToDictionary(c => c.Key, c => Signature(ToView(c.Value)), StringComparer.Ordinal);
        var oldChannels = new Dictionary<string, ChannelState>(_channels, StringComparer.Ordinal);
        _channels.Clear();
        _calls.Clear();

        var fresh = new List<ChannelState>();
        foreach (var item in input.Channels)
        {
            var id = item["Uniqueid"];
            if (string.IsNullOrEmpty(id)) continue;
            var linkedid = item["Linkedid"] is { Length: > 0 } l ? l : id;
            var created = oldChannels.TryGetValue(id, out var known) ? known.CreatedAt : now(context) - ParseDuration(item["Duration"]);
            var channel = new ChannelState(id, linkedid, item["Channel"] ?? "", created)
            {
                Application = item["Application"] ?? "",
                ApplicationData = item["ApplicationData"] ?? "",
                BridgeId = item["BridgeId"] is { Length: > 0 } b ? b : null,
                AnsweredAt = known?.AnsweredAt,
                DialsOutstanding = string.Equals(item["Application"], "Dial", StringComparison.OrdinalIgnoreCase) && item["BridgeId"] is not { Length: > 0 } ? 1 : 0,
            };
            Read(channel, item, "");
            if (channel.State == "Up") channel.AnsweredAt ??= created;
            _hungUp.Remove(id);
            fresh.Add(channel);
        }
        foreach (var group in fresh.GroupBy(c => c.Linkedid, StringComparer.Ordinal))
        {
            var channels = group.OrderBy(c => c.Uniqueid == group.Key ? 0 : 1).ThenBy(c => c.CreatedAt).ToList();
            var call = new CallState(group.Key, channels[0].CreatedAt);
            if (oldCalls.TryGetValue(group.Key, out var earlier)) call.Extensions.AddRange(earlier.Extensions);
            foreach (var channel in channels)
            {
                _channels[channel.Uniqueid] = channel;
                call.Channels.Add(channel);
                if (channel.Endpoint is { } endpoint && IsExtension(endpoint) && !call.Extensions.Contains(endpoint)) call.Extensions.Add(endpoint);
            }
            if (oldCalls.TryGetValue(group.Key, out var old))
            {
                call.HasOrigin = true;
                call.From = old.From;
                call.FromName = old.FromName;
                call.To = old.To;
                call.StartedAt = old.StartedAt;
                call.AnsweredAt = old.AnsweredAt;
                call.AnsweredBy = old.AnsweredBy;
                call.Queue = old.Queue;
                call.LastDialStatus = old.LastDialStatus;
            }
            else
            {
                SetOrigin(call, channels[0]);
            }
            _calls.Add(call.Linkedid, call);
            if (call.AnsweredAt is null && channels[0].State == "Up")
            {
                // Answered while nobody watched: by a phone bridged with the caller, else by the application it is in.
                var peer = channels.Skip(1).FirstOrDefault(c => c.State == "Up" && c.BridgeId is not null && c.BridgeId == channels[0].BridgeId);
                call.AnsweredAt = peer?.AnsweredAt ?? channels[0].AnsweredAt;
                call.AnsweredBy = peer is not null ? Party(peer) : LiveNames.Clean(channels[0].Exten) is { Length: > 0 } e ? e : Party(channels[0]);
            }
        }

        foreach (var (linkedid, old) in oldCalls)
        {
            if (_calls.ContainsKey(linkedid)) continue;
            foreach (var channel in old.Channels) Tombstone(channel.Uniqueid);
            context.Ended(new CallEnded(ToView(old), (int)Math.Max(0, (context.Now - old.StartedAt).TotalSeconds), Disposition(old), context.Now));
        }
        foreach (var (linkedid, call) in _calls)
        {
            if (!oldCalls.TryGetValue(linkedid, out var old))
            {
                context.Started(call);
                if (call.AnsweredAt is not null) context.Answered(call);
            }
            else if (old.AnsweredAt is null && call.AnsweredAt is not null) context.Answered(call);
            else if (oldSignatures[linkedid] != Signature(ToView(call))) context.Touch(call);
        }

        static DateTimeOffset now(Context c) => c.Now;
    }

    private void ResyncQueues(LiveResyncInput input, Context context)
    {
        var oldSignatures = _queues.ToDictionary(q => q.Key, q => Signature(ToView(q.Value)), StringComparer.Ordinal);
        var oldJoined = _queues.Values.SelectMany(q => q.Callers.Select(c => (q.Queue, c.Uniqueid, c.JoinedAt)))
            .ToDictionary(x => (x.Queue, x.Uniqueid), x => x.JoinedAt);
        _queues.Clear();
        foreach (var item in input.QueueStatus)
        {
            if (item["Queue"] is not { Length: > 0 } name) continue;
            var queue = QueueFor(name);
            if (item.Is("QueueParams"))
            {
                queue.Strategy = item["Strategy"] ?? "";
                queue.Completed = item.GetInt32("Completed") ?? 0;
                queue.Abandoned = item.GetInt32("Abandoned") ?? 0;
            }
            else if (item.Is("QueueMember"))
            {
                var member = ReadMember(item, item["Location"] ?? item["Interface"] ?? "");
                if (member.Interface.Length > 0) queue.Members[member.Interface] = member;
            }
            else if (item.Is("QueueEntry") && item["Uniqueid"] is { Length: > 0 } id)
            {
                var linkedid = _channels.TryGetValue(id, out var channel) ? channel.Linkedid : id;
                var joined = oldJoined.TryGetValue((name, id), out var at) ? at : context.Now.AddSeconds(-(item.GetInt32("Wait") ?? 0));
                queue.Callers.Add(new LiveQueueCallerView(id, linkedid, item.GetInt32("Position") ?? queue.Callers.Count + 1,
                    LiveNames.Clean(item["CallerIDNum"]), LiveNames.Clean(item["CallerIDName"]), joined));
                if (_calls.TryGetValue(linkedid, out var call)) call.Queue = name;
            }
        }
        foreach (var queue in _queues.Values)
        {
            queue.Callers.Sort((a, b) => a.Position.CompareTo(b.Position));
            if (!oldSignatures.TryGetValue(queue.Queue, out var old) || old != Signature(ToView(queue))) context.TouchQueue(queue);
        }
    }

    private void ResyncExtensions(LiveResyncInput input, Context context)
    {
        var hints = new Dictionary<string, AmiEvent>(StringComparer.Ordinal);
        foreach (var item in input.ExtensionStates)
        {
            if (item["Exten"] is { Length: > 0 } number && !string.IsNullOrEmpty(item["Hint"])) hints[number] = item;
        }
        var contacts = input.Contacts.Where(c => c["Endpoint"] is { Length: > 0 }).ToLookup(c => c["Endpoint"]!, StringComparer.Ordinal);
        var numbers = new HashSet<string>(_extensions.Keys, StringComparer.Ordinal);
        numbers.UnionWith(hints.Keys);
        numbers.UnionWith(contacts.Select(g => g.Key));
        foreach (var number in numbers)
        {
            if (ExtensionFor(number, context) is not { } ext) continue;
            context.Before(ext, this);
            if (hints.TryGetValue(number, out var hint))
            {
                ext.HintStatus = hint.GetInt32("Status");
                ext.HintText = hint["StatusText"] ?? "";
            }
            else
            {
                ext.HintStatus = null;
                ext.HintText = "";
            }
            var agents = ext.Contacts.Values.ToDictionary(c => c.Uri, c => c.UserAgent, StringComparer.Ordinal);
            ext.Contacts.Clear();
            foreach (var contact in contacts[number])
            {
                var uri = contact["Uri"] ?? "";
                ext.Contacts[uri] = new LiveContactView(uri, contact["Status"] ?? "", contact["UserAgent"] is { Length: > 0 } ua ? ua : agents.GetValueOrDefault(uri));
            }
            if (input.Dnd is not null) ext.DndOverride = input.Dnd.TryGetValue(number, out var dnd) ? dnd : null;
        }
    }

    private static TimeSpan ParseDuration(string? text) =>
        TimeSpan.TryParseExact(text, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var duration) ? duration : TimeSpan.Zero;

    private static string Signature(LiveCallView call) =>
        $"{call.State}|{call.AnsweredBy}|{call.Queue}|{string.Join(',', call.Channels.Select(c => c.Uniqueid + ":" + c.State + ":" + c.BridgeId))}";

    private static string Signature(LiveQueueView queue) =>
        $"{queue.Completed}|{queue.Abandoned}|{string.Join(',', queue.Callers.Select(c => c.Uniqueid + ":" + c.Position))}|{string.Join(',', queue.Members.Select(m => m.Interface + ":" + m.Status))}";
}
