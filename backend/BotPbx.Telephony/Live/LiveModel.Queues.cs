using BotPbx.Asterisk.Ami;

namespace BotPbx.Telephony.Live;

public sealed partial class LiveModel
{
    private void OnQueueCallerJoin(AmiEvent e, Context context)
    {
        var channel = Track(e, context);
        if (channel is null || e["Queue"] is not { Length: > 0 } name) return;
        var queue = QueueFor(name);
        queue.Callers.RemoveAll(c => c.Uniqueid == channel.Uniqueid);
        var position = e.GetInt32("Position") ?? queue.Callers.Count + 1;
        queue.Callers.Add(new LiveQueueCallerView(channel.Uniqueid, channel.Linkedid, position, channel.CallerIdNum, channel.CallerIdName, context.Now));
        queue.Callers.Sort((a, b) => a.Position.CompareTo(b.Position));
        _calls[channel.Linkedid].Queue = name;
        context.TouchQueue(queue);
    }

    private void OnQueueCallerLeave(AmiEvent e, Context context)
    {
        Track(e, context);
        if (e["Queue"] is { Length: > 0 } name && e["Uniqueid"] is { } id && _queues.TryGetValue(name, out var queue)) RemoveCaller(queue, id, context);
    }

    private void OnQueueCallerAbandon(AmiEvent e, Context context)
    {
        if (e["Queue"] is not { Length: > 0 } name) return;
        var queue = QueueFor(name);
        queue.Abandoned++;
        if (e["Uniqueid"] is { } id) RemoveCaller(queue, id, context);
        context.TouchQueue(queue);
    }

    private void OnQueueMember(AmiEvent e, Context context)
    {
        if (e["Queue"] is not { Length: > 0 } name) return;
        var queue = QueueFor(name);
        var member = ReadMember(e, e["Interface"] ?? e["Location"] ?? "");
        if (member.Interface.Length == 0) return;
        queue.Members[member.Interface] = member;
        context.TouchQueue(queue);
    }

    private void OnQueueMemberRemoved(AmiEvent e, Context context)
    {
        if (e["Queue"] is { Length: > 0 } name && _queues.TryGetValue(name, out var queue) && queue.Members.Remove(e["Interface"] ?? "")) context.TouchQueue(queue);
    }

    private void OnAgentConnect(AmiEvent e, Context context)
    {
        var caller = Track(e, context);
        var agent = Track(e, context, "Dest");
        if (caller is null) return;
        var call = _calls[caller.Linkedid];
        call.Queue = e["Queue"] ?? call.Queue;
        var by = agent is not null ? Party(agent) : MemberExtension(e["Interface"] ?? "") ?? e["MemberName"] ?? "";
        if (agent is not null) agent.AnsweredAt ??= context.Now;
        MarkAnswered(call, by, context);
    }

    private void OnAgentComplete(AmiEvent e, Context context)
    {
        if (e["Queue"] is not { Length: > 0 } name) return;
        var queue = QueueFor(name);
        queue.Completed++;
        context.TouchQueue(queue);
    }

    private void RemoveFromQueues(string uniqueid, Context context)
    {
        foreach (var queue in _queues.Values) RemoveCaller(queue, uniqueid, context);
    }

    private static void RemoveCaller(QueueState queue, string uniqueid, Context context)
    {
        var index = queue.Callers.FindIndex(c => c.Uniqueid == uniqueid);
        if (index < 0) return;
        queue.Callers.RemoveAt(index);
        // app_queue moves everyone behind up by one; do the same rather than wait for a QueueStatus.
        for (var i = index; i < queue.Callers.Count; i++) queue.Callers[i] = queue.Callers[i] with { Position = i + 1 };
        context.TouchQueue(queue);
    }

    private QueueState QueueFor(string name)
    {
        if (!_queues.TryGetValue(name, out var queue))
        {
            queue = new QueueState(name);
            _queues.Add(name, queue);
        }
        return queue;
    }

    /// <summary>A QueueMember (list item) or QueueMember* event: Location or Interface, Name or MemberName.</summary>
    private LiveQueueMemberView ReadMember(AmiMessage e, string memberInterface)
    {
        var paused = e.GetBoolean("Paused") ?? false;
        var name = e["MemberName"] ?? e["Name"] ?? memberInterface;
        var state = e["StateInterface"] is { Length: > 0 } s ? s : memberInterface;
        return new LiveQueueMemberView(memberInterface, name, MemberExtension(state) ?? MemberExtension(memberInterface),
            LiveNames.MemberStatus(e.GetInt32("Status"), paused), paused, e.GetInt32("CallsTaken") ?? 0, e["Membership"] ?? "");
    }

    /// <summary>PJSIP/1002 → 1002 when that is an extension (any PJSIP device when no directory is loaded).</summary>
    private string? MemberExtension(string memberInterface)
    {
        if (!memberInterface.StartsWith("PJSIP/", StringComparison.OrdinalIgnoreCase)) return null;
        var number = memberInterface["PJSIP/".Length..];
        return _directory.Extensions.Count == 0 || _directory.Extensions.ContainsKey(number) ? number : null;
    }

    private LiveQueueView ToView(QueueState queue) => new(queue.Queue,
        _directory.QueueNames.TryGetValue(queue.Queue, out var name) ? name : queue.Queue,
        [.. queue.Callers], [.. queue.Members.Values.OrderBy(m => m.Name, StringComparer.Ordinal)], queue.Completed, queue.Abandoned, queue.Strategy);

    private LiveCallView ToView(CallState call)
    {
        var direction = "internal";
        var origin = call.Channels.Count > 0 ? call.Channels[0] : null;
        foreach (var channel in call.Channels)
        {
            if (channel.Endpoint is not { } endpoint || !_directory.TrunkEndpoints.Contains(endpoint)) continue;
            if (ReferenceEquals(channel, origin) || channel.Uniqueid == call.Linkedid) direction = "inbound";
            else if (direction == "internal") direction = "outbound";
        }
        return new LiveCallView(call.Linkedid, call.From, call.FromName, call.To, direction, call.AnsweredAt is null ? "ringing" : "answered",
            call.StartedAt, call.AnsweredAt, call.AnsweredBy, call.Queue, [.. call.Extensions], [.. call.Channels.Select(c => c.ToView())]);
    }
}
