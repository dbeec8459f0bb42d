namespace BotPbx.Asterisk.Ami;

/// <summary>
/// No answer within the action's timeout. Deliberately a <see cref="TimeoutException"/>, never an
/// <see cref="OperationCanceledException"/>: the caller's own token was not cancelled.
/// </summary>
public sealed class AmiTimeoutException : TimeoutException
{
    public AmiTimeoutException(string action, string actionId, TimeSpan timeout)
        : base($"AMI action {action} (ActionID {actionId}) got no answer within {timeout.TotalMilliseconds:0} ms")
    {
        Action = action;
        ActionId = actionId;
        Timeout = timeout;
    }

    public string Action { get; }

    public string ActionId { get; }

    public TimeSpan Timeout { get; }
}
