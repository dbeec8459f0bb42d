using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Validation;

public static class ExtensionValidator
{
    public static void Validate(Extension extension, ValidationErrors errors, PbxReferences? references)
    {
        ArgumentNullException.ThrowIfNull(extension);
        ArgumentNullException.ThrowIfNull(errors);
        Rules.InternalNumber.Check(errors, "number", extension.Number);
        Rules.Name.Check(errors, "name", extension.Name);
        Rules.ExtensionSecret.Check(errors, "secret", extension.Secret);
        Rules.Email.Check(errors, "email", extension.Email, required: false);
        Rules.CallerIdNumber.Check(errors, "outboundCallerId", extension.OutboundCallerId, required: false);
        NumberRule.Check(errors, "ringTimeoutSeconds", extension.RingTimeoutSeconds, 5, 300);
        NumberRule.Check(errors, "maxDevices", extension.MaxDevices, 1, 20);

        var vm = Present.Check(errors, "voicemail", extension.Voicemail) ? extension.Voicemail : new VoicemailSettings();
        var vmErrors = errors.At("voicemail");
        if (vm.Enabled || !string.IsNullOrEmpty(vm.Pin)) Rules.Pin.Check(vmErrors, "pin", vm.Pin, required: vm.Enabled);
        NumberRule.Check(vmErrors, "maxMessages", vm.MaxMessages, 1, 9999);
        NumberRule.Check(vmErrors, "maxMessageSeconds", vm.MaxMessageSeconds, 10, 3600);
        if (vm.EmailNotification && string.IsNullOrEmpty(extension.Email))
            errors.Add("email", "is required for voicemail e-mail notification");

        var fwd = Present.Check(errors, "forwarding", extension.Forwarding) ? extension.Forwarding : new CallForwarding();
        var fwdErrors = errors.At("forwarding");
        Rules.DialNumber.Check(fwdErrors, "always", fwd.Always, required: false);
        Rules.DialNumber.Check(fwdErrors, "busy", fwd.Busy, required: false);
        Rules.DialNumber.Check(fwdErrors, "noAnswer", fwd.NoAnswer, required: false);

        var followMe = Present.Check(errors, "followMe", extension.FollowMe) ? extension.FollowMe : [];
        if (followMe.Count > 10) errors.Add("followMe", "may hold at most 10 numbers");
        for (var i = 0; i < followMe.Count; i++)
        {
            var step = errors.At("followMe", i);
            if (followMe[i] is not { } s) { step.AddHere("is required"); continue; }
            Rules.DialNumber.Check(step, "number", s.Number);
            NumberRule.Check(step, "ringSeconds", s.RingSeconds, 5, 120);
            if (s.Number == extension.Number) step.Add("number", "must not be the extension itself");
        }
        if (!Enum.IsDefined(extension.Recording)) errors.Add("recording", "must be never, always or onDemand");

        if (references is null) return;
        if (Rules.InternalNumber.IsMatch(extension.Number) &&
            references.NumberTakenBy(extension.Number, "extension", extension.Id) is { } owner)
            errors.Add("number", $"is already used by {owner}");
    }
}
