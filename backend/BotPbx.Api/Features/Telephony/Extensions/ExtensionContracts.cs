using BotPbx.Telephony.Model;

namespace BotPbx.Api.Features.Telephony.Extensions;

/// <summary>An extension as lists and reads show it: everything but the SIP secret.</summary>
public sealed record ExtensionResponse(
    long Id, string Number, string Name, string Email, VoicemailSettings Voicemail, string OutboundCallerId, int RingTimeoutSeconds,
    bool CallWaiting, bool DoNotDisturb, CallForwarding Forwarding, IReadOnlyList<FollowMeStep> FollowMe, RecordingPolicy Recording,
    bool WebRtc, int MaxDevices, long? UserId)
{
    public static ExtensionResponse From(Extension e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.Number, e.Name, e.Email, e.Voicemail, e.OutboundCallerId, e.RingTimeoutSeconds, e.CallWaiting, e.DoNotDisturb,
            e.Forwarding, e.FollowMe, e.Recording, e.WebRtc, e.MaxDevices, e.UserId);
    }
}

/// <summary>
/// The answer to a create: the extension plus its SIP secret and voicemail PIN (null when voicemail is off), shown
/// this once. Generated when the request left them empty.
/// </summary>
public sealed record CreatedExtensionResponse(ExtensionResponse Extension, string Secret, string? VoicemailPin);

public sealed record SecretResponse(string Secret);
