namespace BotPbx.Dialer.Pacing;

/// <summary>
/// How many calls to start now. Three caps, the smallest wins: concurrent calls, calls per minute, and — when people
/// are handed to agents — the free agents times an over-dial ratio. The ratio is 1 (progressive: one ringing call per
/// free agent, so a person who answers always finds one) while the abandon rate is at or above
/// <see cref="AbandonSoftLimit"/>, and rises to <see cref="MaxRatio"/> as the rate falls toward zero, but only once
/// <see cref="MinSample"/> people have answered. That keeps the rate under 3 % (VICIdial's and the FTC's line) with margin.
/// </summary>
public static class Pacer
{
    public const double AbandonLimit = 0.03;
    public const double AbandonSoftLimit = 0.02;
    public const double MaxRatio = 1.5;
    public const int MinSample = 20;

    public static int CallsToStart(PacingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var byConcurrency = input.MaxConcurrent - input.LiveCalls;
        var byRate = input.CallsPerMinute - input.StartedLastMinute;
        var allowed = Math.Min(byConcurrency, byRate);
        if (input.FreeAgents is { } free)
        {
            var ratio = OverDialRatio(input.HumanAnswers, input.Abandoned);
            allowed = Math.Min(allowed, (int)Math.Floor(free * ratio) - input.RingingCalls);
        }
        return Math.Max(0, allowed);
    }

    public static double AbandonRate(int humanAnswers, int abandoned) =>
        humanAnswers == 0 ? 0 : (double)abandoned / humanAnswers;

    public static double OverDialRatio(int humanAnswers, int abandoned)
    {
        if (humanAnswers < MinSample) return 1;
        var rate = AbandonRate(humanAnswers, abandoned);
        if (rate >= AbandonSoftLimit) return 1;
        return 1 + (MaxRatio - 1) * (1 - rate / AbandonSoftLimit);
    }
}
