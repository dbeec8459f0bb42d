using BotPbx.Telephony.Model;

namespace BotPbx.Api.Features.Telephony.Extensions;

/// <summary>
/// Voicemail settings as reads show them: the PIN is write-only, like trunk passwords (<c>hasPin</c> says whether one is
/// set). Supervisors read extensions; a PIN would let them into every mailbox.
/// </summary>
public sealed record VoicemailResponse(bool Enabled, bool HasPin, int MaxMessages, int MaxMessageSeconds, bool EmailNotification, bool DeleteAfterEmail)
{
    public static VoicemailResponse From(VoicemailSettings v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(v.Enabled, v.Pin.Length > 0, v.MaxMessages, v.MaxMessageSeconds, v.EmailNotification, v.DeleteAfterEmail);
    }
}

/// <summary>An extension as lists and reads show it: everything but the SIP secret and the voicemail PIN.</summary>
public sealed record ExtensionResponse(
    long Id, string Number, string Name, string Email, VoicemailResponse Voicemail, string OutboundCallerId, int RingTimeoutSeconds,
    bool CallWaiting, bool DoNotDisturb, CallForwarding Forwarding, IReadOnlyList<FollowMeStep> FollowMe, RecordingPolicy Recording,
    bool WebRtc, int MaxDevices, long? UserId)
{
    public static ExtensionResponse From(Extension e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.Number, e.Name, e.Email, VoicemailResponse.From(e.Voicemail), e.OutboundCallerId, e.RingTimeoutSeconds, e.CallWaiting, e.DoNotDisturb,
            e.Forwarding, e.FollowMe, e.Recording, e.WebRtc, e.MaxDevices, e.UserId);
    }
}

/// <summary>The answer to a create: the extension plus its SIP secret, shown this once.</summary>
public sealed record CreatedExtensionResponse(ExtensionResponse Extension, string Secret);

public sealed record SecretResponse(string Secret);
