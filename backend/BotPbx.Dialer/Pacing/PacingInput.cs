namespace BotPbx.Dialer.Pacing;

/// <summary>
/// What the pacer knows at one tick. <see cref="FreeAgents"/> is null when the destination has no agents to run out
/// of (an IVR, an AI agent); for a queue it is the members free right now. Abandon figures are the campaign's own:
/// people who answered, and those of them dropped because nobody was free.
/// </summary>
public sealed record PacingInput(
    int MaxConcurrent,
    int CallsPerMinute,
    int LiveCalls,
    int RingingCalls,
    int StartedLastMinute,
    int? FreeAgents,
    int HumanAnswers,
    int Abandoned);
