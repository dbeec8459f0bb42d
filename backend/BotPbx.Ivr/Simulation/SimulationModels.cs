namespace BotPbx.Ivr.Simulation;

/// <summary>
/// Something the simulated caller would hear or that happened to the call, in order. <see cref="PromptUrl"/> is set
/// for synthesized prompts (<c>/api/ivr-prompts/{hash}.wav</c>) so the browser can play them.
/// </summary>
public sealed record SimulationEvent(int Sequence, string Kind, string? Detail = null, string? File = null, string? PromptUrl = null);

/// <summary>What the browser sends: digits (one or more, typed ahead), a timeout (nothing pressed), or a hang-up.</summary>
public sealed record SimulationInput(string? Digits = null, bool Timeout = false, bool Hangup = false);

/// <summary>One step visited, as the simulator shows the path.</summary>
public sealed record SimulationStep(int Index, string NodeId, string Type, string? Handle, string? Digits, string? Detail, string? Error);

/// <summary>
/// The state after a request: <c>waiting</c> (for the caller's digits; <see cref="WaitSeconds"/> is how long a real
/// call would wait before a timeout), <c>running</c> (a slow node is still busy; ask again with an empty input) or
/// <c>ended</c> (with the outcome). Events are all events so far.
/// </summary>
public sealed record SimulationState(
    Guid SessionId,
    string Status,
    double? WaitSeconds,
    string? Outcome,
    string? Error,
    IReadOnlyList<SimulationEvent> Events,
    IReadOnlyList<SimulationStep> Path,
    IReadOnlyDictionary<string, string> Variables)
{
    public const string Waiting = "waiting";
    public const string Running = "running";
    public const string Ended = "ended";
}

/// <summary>Limits of the simulator (section "Ivr:Simulation").</summary>
public sealed class SimulationOptions
{
    /// <summary>Sessions alive at once, across all users; the oldest idle one is dropped to make room.</summary>
    public int MaxSessions { get; set; } = 50;

    /// <summary>A session nobody touched for this long is ended.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest a request waits for the run to need input or end (an httpRequest node may take a while).</summary>
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>URL prefix of synthesized prompts; the file name's hash and ".wav" are appended.</summary>
    public string PromptUrlPrefix { get; set; } = "/api/ivr-prompts/";
}
