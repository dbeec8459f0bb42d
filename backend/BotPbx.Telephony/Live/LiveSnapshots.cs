namespace BotPbx.Telephony.Live;

/// <summary>One Asterisk channel as the live model last saw it (the CoreShowChannel fields, plus when it was created and answered).</summary>
public sealed record LiveChannelView(
    string Uniqueid,
    string Linkedid,
    string Channel,
    string State,
    string CallerIdNum,
    string CallerIdName,
    string ConnectedLineNum,
    string ConnectedLineName,
    string Context,
    string Exten,
    string Application,
    string ApplicationData,
    string? BridgeId,
    string? Endpoint,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AnsweredAt);

/// <summary>
/// One conversation: every channel sharing a Linkedid (Asterisk keeps the oldest Linkedid of a bridge on every channel
/// that joins it, so legs added by Dial, queues, IVR transfers and attended transfers land in the same call).
/// </summary>
/// <param name="CallId">The Linkedid, e.g. <c>1705123456.789</c> (seed 003's call_id).</param>
/// <param name="State"><c>ringing</c> until a party answers, then <c>answered</c>.</param>
/// <param name="Direction"><c>inbound</c> (came in on a trunk), <c>outbound</c> (a leg goes out on a trunk) or <c>internal</c>.</param>
/// <param name="AnsweredBy">Who answered last: an extension, a queue member, or the number whose application answered (IVR, voicemail, AI agent).</param>
/// <param name="Extensions">Extension numbers with a channel in the call (the caller's phone, ringing and answering phones).</param>
/// <param name="Queue">The Asterisk queue the caller waits in or was connected through, if any.</param>
public sealed record LiveCallView(
    string CallId,
    string From,
    string FromName,
    string To,
    string Direction,
    string State,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    string? AnsweredBy,
    string? Queue,
    IReadOnlyList<string> Extensions,
    IReadOnlyList<LiveChannelView> Channels);

/// <summary>A registered device (PJSIP contact) of an extension.</summary>
public sealed record LiveContactView(string Uri, string Status, string? UserAgent);

/// <summary>
/// Presence of one extension. <see cref="Status"/> is what seed 003's extension.status carries: <c>available</c>,
/// <c>ringing</c>, <c>busy</c>, <c>on_hold</c>, <c>unavailable</c> (no registered device) or <c>dnd</c> (available, but
/// do-not-disturb is on). <see cref="HintState"/> is Asterisk's own word (Idle, InUse, Ringing, …).
/// </summary>
public sealed record LiveExtensionView(
    string Extension,
    string Name,
    string Status,
    string HintState,
    bool Dnd,
    IReadOnlyList<LiveContactView> Contacts,
    DateTimeOffset Since);

/// <summary>A caller waiting in a queue; <see cref="JoinedAt"/> makes its wait computable at any time.</summary>
public sealed record LiveQueueCallerView(string Uniqueid, string CallId, int Position, string CallerIdNum, string CallerIdName, DateTimeOffset JoinedAt);

/// <summary>
/// A queue member. <see cref="Status"/>: <c>available</c>, <c>in_call</c>, <c>ringing</c>, <c>busy</c>,
/// <c>unavailable</c>, <c>paused</c>, from app_queue's AST_DEVICE_* number and its Paused flag.
/// </summary>
public sealed record LiveQueueMemberView(string Interface, string Name, string? Extension, string Status, bool Paused, int CallsTaken, string Membership);

/// <summary>A queue's live state. Queue is Asterisk's name (the queue number in BotPBX), Name the one people gave it.</summary>
public sealed record LiveQueueView(
    string Queue,
    string Name,
    IReadOnlyList<LiveQueueCallerView> Callers,
    IReadOnlyList<LiveQueueMemberView> Members,
    int Completed,
    int Abandoned,
    string Strategy)
{
    public int CallsWaiting => Callers.Count;

    public int AgentsAvailable => Members.Count(m => m.Status == "available");

    /// <summary>Seconds the longest-waiting caller has waited at <paramref name="now"/>; 0 when nobody waits.</summary>
    public int LongestWaitSeconds(DateTimeOffset now) =>
        Callers.Count == 0 ? 0 : (int)Math.Max(0, (now - Callers.Min(c => c.JoinedAt)).TotalSeconds);
}
