using System.Text.Json.Serialization;

namespace BotPbx.Telephony.Model;

[JsonConverter(typeof(JsonStringEnumConverter<QueueStrategy>))]
public enum QueueStrategy
{
    [JsonStringEnumMemberName("ringall")] RingAll,
    [JsonStringEnumMemberName("leastrecent")] LeastRecent,
    [JsonStringEnumMemberName("fewestcalls")] FewestCalls,
    [JsonStringEnumMemberName("random")] Random,
    [JsonStringEnumMemberName("rrmemory")] RoundRobinMemory,
    [JsonStringEnumMemberName("linear")] Linear,
}

/// <summary>A static member; dynamic members log in and out with the queue feature codes (AddQueueMember).</summary>
public sealed record QueueMember(long ExtensionId, int Penalty = 0);

[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A call queue is the telephony term; Queue alone clashes with System.Collections.Generic.Queue.")]
public sealed record CallQueue
{
    public long Id { get; init; }
    /// <summary>Dialled internally to reach the queue; also its name in queues.conf.</summary>
    public string Number { get; init; } = "";
    public string Name { get; init; } = "";
    public QueueStrategy Strategy { get; init; } = QueueStrategy.RingAll;
    /// <summary>Seconds a member's phone rings before the next attempt.</summary>
    public int MemberTimeoutSeconds { get; init; } = 30;
    public int RetrySeconds { get; init; } = 5;
    public int Weight { get; init; }
    public int WrapUpSeconds { get; init; }
    public IReadOnlyList<QueueMember> Members { get; init; } = [];
    /// <summary>Extensions that may log in and out with the queue feature codes.</summary>
    public bool AllowDynamicMembers { get; init; } = true;
    public string MohClass { get; init; } = "default";
    public bool AnnouncePosition { get; init; } = true;
    public bool AnnounceHoldTime { get; init; }
    /// <summary>Seconds between position/hold-time announcements; 0 = off.</summary>
    public int AnnounceFrequencySeconds { get; init; } = 30;
    /// <summary>Asterisk sound file name (no extension), e.g. <c>queue-periodic-announce</c>; empty = none.</summary>
    public string PeriodicAnnounce { get; init; } = "";
    public int PeriodicAnnounceFrequencySeconds { get; init; } = 60;
    public bool JoinEmpty { get; init; } = true;
    public bool LeaveWhenEmpty { get; init; }
    /// <summary>Longest a caller waits (0 = no limit) before going to <see cref="TimeoutDestination"/>.</summary>
    public int MaxWaitSeconds { get; init; } = 300;
    public Destination TimeoutDestination { get; init; } = Destination.Hangup;
}
