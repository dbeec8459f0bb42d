namespace BotPbx.Dialer.Contacts;

/// <summary>
/// Retry attempts and a delay per retryable outcome. <see cref="MaxAttempts"/> counts every call placed, so 3 retries
/// means 4 attempts at most.
/// </summary>
public sealed record RetryPolicy(int RetryAttempts, int NoAnswerDelaySeconds, int BusyDelaySeconds, int FailedDelaySeconds)
{
    public int MaxAttempts => RetryAttempts + 1;

    public bool AttemptsLeft(int attemptsMade) => attemptsMade < MaxAttempts;

    public TimeSpan DelayAfter(CallOutcome outcome) => TimeSpan.FromSeconds(outcome switch
    {
        CallOutcome.NoAnswer => NoAnswerDelaySeconds,
        CallOutcome.Busy => BusyDelaySeconds,
        _ => FailedDelaySeconds,
    });
}
