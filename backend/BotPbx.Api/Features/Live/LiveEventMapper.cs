using BotPbx.Telephony.Live;

namespace BotPbx.Api.Features.Live;

/// <summary>Turns the model's changes into seed 003's events; a change that is no such event (a leg bridged) maps to none.</summary>
public static class LiveEventMapper
{
    public static LiveEvent? ToEvent(LiveChange change) => change switch
    {
        CallStarted s => Call("call.new", s.Call, new CallNewData(s.Call.CallId, s.Call.From, s.Call.To, s.Call.Direction, s.At, s.Call.FromName, s.Call.Extensions)),
        CallAnswered a => Call("call.answer", a.Call, new CallAnswerData(a.Call.CallId, a.Call.AnsweredBy ?? "", a.At)),
        CallTransferred t => Call("call.transfer", t.Call, new CallTransferData(t.Call.CallId, t.From, t.To, t.Type, t.At)),
        CallEnded e => Call("call.end", e.Call, new CallEndData(e.Call.CallId, e.DurationSeconds, e.Disposition, e.At)),
        ExtensionChanged x when x.Extension.Status != x.Previous => new LiveEvent("extension.status",
            new ExtensionStatusData(x.Extension.Extension, x.Extension.Status, x.Previous, x.Extension.Name, x.Extension.Dnd, x.Extension.Contacts.Count, x.At),
            LiveAudience.AllUsers, $"extension.{x.Extension.Extension}.status"),
        QueueChanged q => Queue(q),
        _ => null,
    };

    private static LiveEvent Call(string name, LiveCallView call, object data) =>
        new(name, data, LiveAudience.StaffAnd(call.Extensions), call.Extensions.Select(n => $"extension.{n}.{name}"));

    private static LiveEvent Queue(QueueChanged change)
    {
        var q = change.Queue;
        var data = new QueueUpdateData(q.Name, q.CallsWaiting, q.AgentsAvailable, q.LongestWaitSeconds(change.At), q.Queue, change.At);
        var members = q.Members.Select(m => m.Extension).OfType<string>().ToList();
        return new LiveEvent("queue.update", data, LiveAudience.StaffAnd(members), $"queue.{q.Name}.update", $"queue.{q.Queue}.update");
    }
}
