using System.Text.RegularExpressions;
using BotPbx.Api.Problems;

namespace BotPbx.Api.Features.Phone;

/// <summary>
/// What browsers need beyond the SIP settings (which hold the WSS port and certificate): ICE servers and, when the
/// WebSocket is not Asterisk's own WSS port (a reverse proxy, the loopback tests), its URL. Stored under "webrtc".
/// The TURN password is write-only: answers say <c>hasTurnPassword</c>. It is handed to browser phones, which need it
/// to use the relay, so it should be a TURN credential for this purpose only (docs/webrtc.md).
/// </summary>
public sealed partial record WebRtcSettings
{
    public const string Key = "webrtc";

    /// <summary><c>stun:host[:port]</c>, at most 5; empty = host candidates only (fine on a LAN).</summary>
    public IReadOnlyList<string> StunServers { get; init; } = [];
    /// <summary><c>turn:host[:port][?transport=udp|tcp]</c> or <c>turns:…</c>; empty = none.</summary>
    public string TurnServer { get; init; } = "";
    public string TurnUsername { get; init; } = "";
    public string TurnPassword { get; init; } = "";
    /// <summary><c>ws(s)://host[:port]/path</c>; empty = <c>wss://&lt;the host the UI was opened on&gt;:&lt;wssPort&gt;/ws</c>.</summary>
    public string WebSocketUrl { get; init; } = "";

    public static WebRtcSettings Defaults { get; } = new();

    [GeneratedRegex(@"\Astuns?:[A-Za-z0-9.\-]{1,253}(:[0-9]{1,5})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex StunUrl();

    [GeneratedRegex(@"\Aturns?:[A-Za-z0-9.\-]{1,253}(:[0-9]{1,5})?(\?transport=(udp|tcp))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex TurnUrl();

    [GeneratedRegex(@"\Awss?://[A-Za-z0-9.\-]{1,253}(:[0-9]{1,5})?(/[A-Za-z0-9._~\-/]*)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex WebSocket();

    [GeneratedRegex(@"\A[A-Za-z0-9._@:+\-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TurnUser();

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        var stun = StunServers ?? [];
        errors.Check(StunServers is not null, "stunServers", "must be a list (may be empty)");
        errors.Check(stun.Count <= 5, "stunServers", "may hold at most 5 servers");
        for (var i = 0; i < stun.Count; i++)
            errors.Check(stun[i] is { } s && StunUrl().IsMatch(s) && PortOk(s), $"stunServers[{i}]", "must look like stun:stun.example.com:3478");
        var turn = TurnServer ?? "";
        if (turn.Length > 0)
        {
            errors.Check(TurnUrl().IsMatch(turn) && PortOk(turn), "turnServer", "must look like turn:turn.example.com:3478 or turns:…?transport=tcp");
            errors.Check(TurnUser().IsMatch(TurnUsername ?? ""), "turnUsername", "is required with a TURN server: 1 to 128 of A-Z a-z 0-9 . _ @ : + -");
            errors.Check((TurnPassword ?? "").Length is > 0 and <= 256 && !(TurnPassword ?? "").Any(char.IsControl), "turnPassword",
                "is required with a TURN server (at most 256 characters, no control characters)");
        }
        var ws = WebSocketUrl ?? "";
        if (ws.Length > 0) errors.Check(WebSocket().IsMatch(ws) && PortOk(ws), "webSocketUrl", "must look like wss://pbx.example.com:8089/ws");
        return errors;
    }

    /// <summary>A port, when given, is 1–65535.</summary>
    private static bool PortOk(string url)
    {
        var match = Regex.Match(url, @":([0-9]{1,5})(?:[/?]|\z)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return !match.Success || int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 65535;
    }
}

/// <summary>The settings as answers show them: the TURN password replaced by whether one is set.</summary>
public sealed record WebRtcSettingsResponse(IReadOnlyList<string> StunServers, string TurnServer, string TurnUsername, bool HasTurnPassword,
    string WebSocketUrl)
{
    public static WebRtcSettingsResponse From(WebRtcSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.StunServers, s.TurnServer, s.TurnUsername, s.TurnPassword.Length > 0, s.WebSocketUrl);
    }
}
