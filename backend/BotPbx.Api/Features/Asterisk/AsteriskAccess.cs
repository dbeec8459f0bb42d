using BotPbx.Asterisk.Ami;
using BotPbx.Telephony.Apply;
using BotPbx.Telephony.Asterisk;

namespace BotPbx.Api.Features.Asterisk;

/// <summary>
/// The AMI-backed Asterisk operations, or null when AMI is not configured (AMI_HOST/AMI_USER/AMI_SECRET empty).
/// Being connected is not required to hand them out: a call while disconnected fails fast with a transient error.
/// </summary>
public sealed class AsteriskAccess(AmiClientHost host)
{
    private AmiAsteriskManager? _manager;

    public IAmiClient? Client => host.Client;

    public IAsteriskManager? Manager => Adapter();

    public IAsteriskInspector? Inspector => Adapter();

    public IPhoneOverrides? PhoneOverrides => Adapter();

    private AmiAsteriskManager? Adapter()
    {
        if (host.Client is not { } client) return null;
        return _manager ??= new AmiAsteriskManager(client);
    }
}
