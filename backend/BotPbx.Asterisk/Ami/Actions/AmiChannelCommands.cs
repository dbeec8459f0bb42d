namespace BotPbx.Asterisk.Ami;

/// <summary>Channel actions. Every value goes through <see cref="AmiAction"/>, which rejects CR/LF.</summary>
public static class AmiChannelCommands
{
    /// <summary>
    /// Async Originate, waiting for the <c>OriginateResponse</c> with this action's ActionID (the immediate answer
    /// is only "Originate successfully queued"). Waits up to the ring timeout plus the action timeout. A refused
    /// action (<c>Response: Error</c>) throws <see cref="AmiActionException"/>; a call that fails to connect is a
    /// result with Success false.
    /// </summary>
    public static async Task<AmiOriginateResult> OriginateAsync(this IAmiClient client, AmiOriginateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var action = request.ToAction();
        var (response, amiEvent) = await client
            .SendActionAwaitEventAsync(action, "OriginateResponse", (request.Timeout ?? AmiOriginateRequest.AsteriskDefaultTimeout) + client.DefaultActionTimeout, cancellationToken)
            .ConfigureAwait(false);
        response.EnsureSuccess(action);
        var typed = new OriginateResponseEvent(amiEvent!);
        var uniqueid = typed.Uniqueid;
        return new AmiOriginateResult(typed.IsSuccess, typed.Reason ?? 0, typed.Raw["Channel"],
            uniqueid.Length == 0 || uniqueid == "<unknown>" ? null : uniqueid, typed);
    }

    /// <summary>A channel variable, or a global one when <paramref name="channel"/> is null. Unset reads as "" (fixture ami-errors).</summary>
    public static async Task<string> GetVarAsync(this IAmiClient client, string? channel, string variable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        var action = new AmiAction("Getvar").Add("Channel", channel).Add("Variable", variable);
        var response = (await client.SendActionAsync(action, null, cancellationToken).ConfigureAwait(false)).EnsureSuccess(action);
        return response["Value"] ?? string.Empty;
    }

    public static async Task SetVarAsync(this IAmiClient client, string? channel, string variable, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        ArgumentNullException.ThrowIfNull(value);
        var action = new AmiAction("Setvar").Add("Channel", channel).Add("Variable", variable).Add("Value", value);
        (await client.SendActionAsync(action, null, cancellationToken).ConfigureAwait(false)).EnsureSuccess(action);
    }

    /// <summary>Hangs up a channel; <paramref name="cause"/> is a Q.850 cause (16 normal clearing). Unknown channel → <see cref="AmiActionException"/> "No such channel".</summary>
    public static async Task HangupAsync(this IAmiClient client, string channel, CancellationToken cancellationToken, int? cause = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        var action = new AmiAction("Hangup").Add("Channel", channel).Add("Cause", cause);
        (await client.SendActionAsync(action, null, cancellationToken).ConfigureAwait(false)).EnsureSuccess(action);
    }

    /// <summary>Sends a channel (and optionally the other leg) to context/exten/priority.</summary>
    public static async Task RedirectAsync(this IAmiClient client, string channel, string context, string exten, int priority,
        CancellationToken cancellationToken, string? extraChannel = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(exten);
        var action = new AmiAction("Redirect").Add("Channel", channel).Add("Context", context).Add("Exten", exten).Add("Priority", priority);
        if (extraChannel is not null)
        {
            action.Add("ExtraChannel", extraChannel).Add("ExtraContext", context).Add("ExtraExten", exten).Add("ExtraPriority", priority);
        }
        (await client.SendActionAsync(action, null, cancellationToken).ConfigureAwait(false)).EnsureSuccess(action);
    }
}
