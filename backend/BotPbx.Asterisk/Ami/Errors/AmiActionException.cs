namespace BotPbx.Asterisk.Ami;

/// <summary>
/// What Asterisk said: the action reached Asterisk and it answered <c>Response: Error</c> (or another non-success
/// answer). Carries the action name, the ActionID and Asterisk's <c>Message:</c> text, e.g. "No such channel".
/// </summary>
public sealed class AmiActionException : AmiException
{
    public AmiActionException(string action, string actionId, AmiResponse response)
        : base($"AMI action {action} (ActionID {actionId}) failed: {response.Status}: {response.Message ?? "(no message)"}")
    {
        Action = action;
        ActionId = actionId;
        Response = response;
    }

    public string Action { get; }

    public string ActionId { get; }

    /// <summary>The whole answer, for fields beyond Message (e.g. <c>Output:</c> lines of a failed Command).</summary>
    public AmiResponse Response { get; }

    /// <summary>Asterisk's <c>Message:</c>, e.g. "Permission denied".</summary>
    public string? AsteriskMessage => Response.Message;

    public override bool IsTransient => false;
}
