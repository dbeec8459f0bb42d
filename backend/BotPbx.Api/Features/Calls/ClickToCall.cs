using System.Globalization;
using System.Text.RegularExpressions;
using BotPbx.Api.Features.Asterisk;
using BotPbx.Api.Problems;
using BotPbx.Asterisk.Ami;
using BotPbx.Data;
using Dapper;

namespace BotPbx.Api.Features.Calls;

/// <summary>POST /api/calls/originate: <c>to</c> (required), <c>from</c> (your own extension; optional), <c>timeout</c> seconds to ring you.</summary>
public sealed record OriginateRequest(string? To, string? From, int? Timeout);

public sealed record OriginateResponse(string Status, string Extension, string To);

/// <summary>
/// Click-to-call. BotPBX originates <c>Local/&lt;ext&gt;@botpbx-device</c> — every phone of the user's own extension
/// rings, showing the number — and when one answers, the channel enters botpbx-originate with BOTPBX_EXT set to that
/// extension, which dials the number through botpbx-internal exactly as the phone would: the same outbound routes,
/// route permissions, caller ID and dial-string guard (Rendering/CallLogVariables.cs). Nothing here chooses a trunk.
/// The number is checked here too, strictly: digits with an optional leading +.
/// </summary>
public sealed partial class ClickToCall(IDbConnectionFactory database, AsteriskAccess asterisk)
{
    public const int DefaultTimeoutSeconds = 30;

    public sealed record Caller(string Number, string Name, string OutboundCallerId, bool RecordAlways);

    public static FieldErrors Validate(OriginateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (errors.Required("to", request.To))
            errors.Check(Number().IsMatch(request.To!), "to", "must be a phone number: 2 to 20 digits, optionally starting with +");
        if (request.From is { Length: > 0 } from) errors.Check(Internal().IsMatch(from), "from", "must be an extension number");
        if (request.Timeout is { } t) errors.Range("timeout", t, 5, 120);
        return errors;
    }

    /// <summary>The extensions assigned to the user, with what the dialplan needs to dial as them.</summary>
    public async Task<IReadOnlyList<Caller>> CallersAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Number, string Name, string? OutCid, string? Recording)>(new CommandDefinition(
            """
            SELECT number, name, data->>'outboundCallerId', data->>'recording'
            FROM pbx_extensions WHERE user_id = @userId ORDER BY number
            """, new { userId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new Caller(r.Number, r.Name, r.OutCid ?? "", r.Recording == "always"))];
    }

    /// <exception cref="AmiException">Asterisk is not connected or refused the originate (answered 503 by the problem handler).</exception>
    public async Task OriginateAsync(Caller caller, string to, int timeoutSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var client = asterisk.Client ?? throw new AmiConnectionException("AMI is not configured (AMI_USER, AMI_SECRET)");
        var action = new AmiAction("Originate")
            .Add("Channel", "Local/" + caller.Number + "@botpbx-device/n")
            .Add("Context", "botpbx-originate")
            .Add("Exten", to)
            .Add("Priority", "1")
            .Add("Timeout", (timeoutSeconds * 1000).ToString(CultureInfo.InvariantCulture))
            // What the user's phone shows while it rings: the number it is about to call.
            .Add("CallerID", "\"" + to + "\" <" + to + ">")
            .Add("Async", "true")
            .Add("Variable", "__BOTPBX_EXT=" + caller.Number)
            .Add("Variable", "BOTPBX_CALLER_NAME=" + caller.Name);
        if (caller.OutboundCallerId.Length > 0) action.Add("Variable", "__BOTPBX_OUTCID=" + caller.OutboundCallerId);
        if (caller.RecordAlways) action.Add("Variable", "__BOTPBX_RECORD=always");
        var response = await client.SendActionAsync(action, null, cancellationToken);
        if (!response.IsSuccess) throw new AmiConnectionException("Asterisk refused the call: " + (response.Message ?? response.Status));
    }

    [GeneratedRegex(@"\A\+?[0-9]{2,20}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"\A[1-9][0-9]{1,7}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Internal();
}
