namespace BotPbx.Telephony.Live;

/// <summary>
/// What changed in the live model after one AMI event or a resync. Stable names: the feeds turn these into seed 003's
/// events (call.new, call.answer, call.end, call.transfer, extension.status, queue.update) and the browser's deltas.
/// </summary>
public abstract record LiveChange(DateTimeOffset At);

/// <summary>A call appeared (first channel of a Linkedid, or found by a resync).</summary>
public sealed record CallStarted(LiveCallView Call, DateTimeOffset At) : LiveChange(At);

/// <summary>A party answered (<see cref="LiveCallView.AnsweredBy"/>).</summary>
public sealed record CallAnswered(LiveCallView Call, DateTimeOffset At) : LiveChange(At);

/// <summary>Anything else about a live call changed (a leg rang, bridged, left; the caller joined a queue).</summary>
public sealed record CallUpdated(LiveCallView Call, DateTimeOffset At) : LiveChange(At);

/// <summary>A transfer: <c>Type</c> is <c>blind</c> or <c>attended</c>; From/To are parties (extension or number).</summary>
public sealed record CallTransferred(LiveCallView Call, string From, string To, string Type, DateTimeOffset At) : LiveChange(At);

/// <summary>
/// The call's last channel hung up (or a resync found it gone). Disposition as in CDRs: ANSWERED, NO ANSWER, BUSY,
/// FAILED. Duration in whole seconds from start to end.
/// </summary>
public sealed record CallEnded(LiveCallView Call, int DurationSeconds, string Disposition, DateTimeOffset At) : LiveChange(At);

/// <summary>An extension's presence changed (status, DND, devices); <c>Previous</c> is the status before.</summary>
public sealed record ExtensionChanged(LiveExtensionView Extension, string Previous, DateTimeOffset At) : LiveChange(At);

/// <summary>A queue's callers, members or counters changed.</summary>
public sealed record QueueChanged(LiveQueueView Queue, DateTimeOffset At) : LiveChange(At);
