namespace BotPbx.Api.Features.Phone;

/// <summary>One ICE server as RTCPeerConnection takes it.</summary>
public sealed record IceServer(IReadOnlyList<string> Urls, string? Username = null, string? Credential = null);

/// <summary>
/// What the signed-in user's browser phone registers with (GET /api/phone/credentials). The password is the browser
/// endpoint's own (<c>&lt;number&gt;-webrtc</c>), never the extension's desk-phone secret.
/// </summary>
public sealed record PhoneCredentials(
    string Extension, string DisplayName, string SipUri, string AuthorizationUser, string Password, string WebSocketUrl,
    IReadOnlyList<IceServer> IceServers);

public sealed record WebRtcSettingsRequest(
    IReadOnlyList<string>? StunServers, string? TurnServer, string? TurnUsername, string? TurnPassword, string? WebSocketUrl);
