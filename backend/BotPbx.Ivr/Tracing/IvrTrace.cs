namespace BotPbx.Ivr.Tracing;

/// <summary>How a run ended. Persisted by name (camelCase).</summary>
public enum IvrRunOutcome
{
    /// <summary>The flow reached its end and the interpreter hung up.</summary>
    Completed,

    /// <summary>A node handed the call to the dialplan (transfer, voicemail, AI agent).</summary>
    HandedOff,

    /// <summary>The caller hung up.</summary>
    CallerHungUp,

    /// <summary>A node failed; the fallback was played.</summary>
    Failed,

    /// <summary>The loop guard stopped the run; the fallback was played.</summary>
    LoopGuard,

    /// <summary>The IVR has no published version; the fallback was played.</summary>
    NotPublished,

    /// <summary>BotPBX shut down during the call.</summary>
    Aborted,
}

/// <summary>The record of one call's run through one or more IVRs (goToIvr continues the same trace).</summary>
public sealed class IvrTrace
{
    public required string CallId { get; init; }

    public required string IvrId { get; init; }

    /// <summary>The version the call started on (0 for a draft run by the simulator).</summary>
    public required int Version { get; init; }

    public required string CallerNumber { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; set; }

    public IvrRunOutcome Outcome { get; set; } = IvrRunOutcome.Completed;

    public string? Error { get; set; }

    public List<IvrTraceStep> Steps { get; } = [];

    /// <summary>The call's variables when the run ended.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; set; } = new Dictionary<string, string>();
}

/// <summary>One node visited.</summary>
public sealed class IvrTraceStep
{
    public required int Index { get; init; }

    public required string IvrId { get; init; }

    public required int Version { get; init; }

    public required string NodeId { get; init; }

    public required string Type { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public double DurationMs { get; set; }

    /// <summary>The output handle taken; null when the flow ended at this node.</summary>
    public string? Handle { get; set; }

    public string? Digits { get; set; }

    public string? Detail { get; set; }

    public string? Error { get; set; }
}

/// <summary>Where finished traces go; the host writes them to the database.</summary>
public interface IIvrTraceSink
{
    Task SaveAsync(IvrTrace trace, CancellationToken cancellationToken);
}
