using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Validation;

public static class DestinationValidator
{
    /// <summary>Checks the target's shape for its type and, when <paramref name="references"/> is given, that it exists.</summary>
    public static void Validate(Destination? destination, ValidationErrors errors, PbxReferences? references)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (destination is null)
        {
            errors.AddHere("is required");
            return;
        }
        if (!Enum.IsDefined(destination.Type))
        {
            errors.Add("type", "is not a known destination type");
            return;
        }
        switch (destination.Type)
        {
            case DestinationType.Hangup:
                if (!string.IsNullOrEmpty(destination.Target)) errors.Add("target", "must be empty for hangup");
                return;
            case DestinationType.External:
                Rules.DialNumber.Check(errors, "target", destination.Target);
                return;
            case DestinationType.Ivr:
            case DestinationType.AiAgent:
                if (!Rules.ObjectId.IsMatch(destination.Target))
                {
                    Rules.ObjectId.Check(errors, "target", destination.Target);
                    return;
                }
                break;
            default:
                if (!PbxReferences.TryId(destination.Target, out _))
                {
                    errors.Add("target", "must be the id of the object");
                    return;
                }
                break;
        }
        if (references is not null && !references.Exists(destination))
            errors.Add("target", "does not exist");
    }
}
