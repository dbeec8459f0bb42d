using BotPbx.Telephony.Live;

namespace BotPbx.Api.Features.Live;

/// <summary>
/// What a browser starts from. <see cref="Version"/> is the model version it reflects (deltas carry theirs);
/// <see cref="ServerTime"/> lets the page tick durations with the server's clock; <see cref="Connected"/> says whether
/// AMI is up (when it is not, the figures are the last known ones).
/// </summary>
public sealed record LiveSnapshot(
    long Version,
    DateTimeOffset ServerTime,
    bool Connected,
    DateTimeOffset? SyncedAt,
    IReadOnlyList<LiveCallView> Calls,
    IReadOnlyList<LiveExtensionView> Extensions,
    IReadOnlyList<LiveQueueView> Queues);

/// <summary>The hub's <c>call</c> delta.</summary>
public sealed record LiveCallDelta(long Version, LiveCallView Call);

/// <summary>The hub's <c>callEnded</c> delta.</summary>
public sealed record LiveCallEndedDelta(long Version, string CallId, int Duration, string Disposition);

public sealed record LiveExtensionDelta(long Version, LiveExtensionView Extension);

public sealed record LiveQueueDelta(long Version, LiveQueueView Queue);

/// <summary>The hub's <c>status</c> message: AMI connection and the last resync.</summary>
public sealed record LiveStatusDelta(long Version, bool Connected, DateTimeOffset? SyncedAt);
