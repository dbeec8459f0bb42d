using BotPbx.Voice.Agents;

namespace BotPbx.Voice.Tools;

/// <summary>
/// What the agent's tools can do to the call. Implemented over ARI for phone calls (<see cref="Calls.AriCallControl"/>);
/// tests and the try-it chat supply their own.
/// </summary>
public interface ICallControl
{
    /// <summary>
    /// Hands the caller to <paramref name="target"/>. Blind: the caller leaves the agent at once for the target's
    /// dialplan. Warm (<see cref="TransferTarget.Warm"/>): the human is called first and, once they answer,
    /// <paramref name="speak"/> is used to tell them <paramref name="summary"/> before the caller is connected; if nobody
    /// answers, the result says so and the agent keeps the caller.
    /// </summary>
    Task<TransferResult> TransferAsync(TransferTarget target, string? summary, Func<string, CancellationToken, Task> speak, CancellationToken cancellationToken);

    Task HangupAsync(CancellationToken cancellationToken);

    /// <summary>Plays DTMF digits (0-9 * # A-D) to the caller's line, e.g. to drive another IVR the call reached.</summary>
    Task SendDtmfAsync(string digits, CancellationToken cancellationToken);
}

/// <summary>Whether the caller left the agent; when not, why (said back to the model).</summary>
public sealed record TransferResult(bool Transferred, string? Reason = null)
{
    public static readonly TransferResult Done = new(true);
}
