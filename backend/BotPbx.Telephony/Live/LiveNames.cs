namespace BotPbx.Telephony.Live;

/// <summary>Reading Asterisk's names: channel → endpoint, device state words, app_queue member states.</summary>
public static class LiveNames
{
    /// <summary>
    /// The endpoint of a channel name: <c>PJSIP/1001-0000000a</c> → <c>1001</c>, <c>PJSIP/botpbx-trunk-1-00000003</c> →
    /// <c>botpbx-trunk-1</c> (Asterisk appends <c>-</c> and an 8-digit hex sequence). Local, Snoop and other
    /// non-device channels have none.
    /// </summary>
    public static string? Endpoint(string channel)
    {
        if (!channel.StartsWith("PJSIP/", StringComparison.OrdinalIgnoreCase) && !channel.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase)) return null;
        var slash = channel.IndexOf('/', StringComparison.Ordinal);
        var dash = channel.LastIndexOf('-');
        return dash > slash + 1 ? channel[(slash + 1)..dash] : channel[(slash + 1)..];
    }

    /// <summary>Asterisk writes <c>&lt;unknown&gt;</c> or <c>unknown</c> for absent caller ID; both read as empty.</summary>
    public static string Clean(string? value) =>
        value is null or "<unknown>" or "unknown" ? "" : value;

    /// <summary>ExtensionStatus bit flags (0 idle, 1 in use, 2 busy, 4 unavailable, 8 ringing, 16 on hold) → seed 003's words.</summary>
    public static string HintStatus(int? status) => status switch
    {
        null => "unavailable",
        0 => "available",
        8 => "ringing",
        _ when status < 0 => "unavailable",
        _ when (status & 4) != 0 => "unavailable",
        _ when (status & 16) != 0 => "on_hold",
        _ when (status & 3) != 0 => "busy",
        _ => "unavailable",
    };

    /// <summary>app_queue's member Status (AST_DEVICE_*: 1 not in use, 2 in use, 3 busy, 4 invalid, 5 unavailable, 6 ringing, 7 ring+in use, 8 on hold).</summary>
    public static string MemberStatus(int? status, bool paused) => paused ? "paused" : status switch
    {
        0 or 1 => "available",
        2 or 8 => "in_call",
        3 => "busy",
        6 or 7 => "ringing",
        _ => "unavailable",
    };
}
