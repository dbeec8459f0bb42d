using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Validation;

public static class CallQueueValidator
{
    public static void Validate(CallQueue queue, ValidationErrors errors, PbxReferences? references)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(errors);
        Rules.InternalNumber.Check(errors, "number", queue.Number);
        Rules.Name.Check(errors, "name", queue.Name);
        if (!Enum.IsDefined(queue.Strategy)) errors.Add("strategy", "is not a known strategy");
        NumberRule.Check(errors, "memberTimeoutSeconds", queue.MemberTimeoutSeconds, 5, 600);
        NumberRule.Check(errors, "retrySeconds", queue.RetrySeconds, 0, 600);
        NumberRule.Check(errors, "weight", queue.Weight, 0, 100);
        NumberRule.Check(errors, "wrapUpSeconds", queue.WrapUpSeconds, 0, 3600);
        NumberRule.Check(errors, "announceFrequencySeconds", queue.AnnounceFrequencySeconds, 0, 3600);
        NumberRule.Check(errors, "periodicAnnounceFrequencySeconds", queue.PeriodicAnnounceFrequencySeconds, 0, 3600);
        NumberRule.Check(errors, "maxWaitSeconds", queue.MaxWaitSeconds, 0, 86_400);
        Rules.MohClassName.Check(errors, "mohClass", queue.MohClass);
        Rules.SoundFile.Check(errors, "periodicAnnounce", queue.PeriodicAnnounce, required: false);
        DestinationValidator.Validate(queue.TimeoutDestination, errors.At("timeoutDestination"), references);

        var members = Present.Check(errors, "members", queue.Members) ? queue.Members : [];
        if (members.Count > 500) errors.Add("members", "may hold at most 500 members");
        if (members.Where(m => m is not null).Select(m => m.ExtensionId).Distinct().Count() != members.Count)
            errors.Add("members", "must not repeat an extension");
        for (var i = 0; i < members.Count; i++)
        {
            var member = errors.At("members", i);
            if (members[i] is not { } m) { member.AddHere("is required"); continue; }
            NumberRule.Check(member, "penalty", m.Penalty, 0, 100);
            if (references is not null && !references.HasExtension(m.ExtensionId)) member.Add("extensionId", "does not exist");
        }

        if (references is null) return;
        if (Rules.MohClassName.IsMatch(queue.MohClass) && !references.HasMohClass(queue.MohClass))
            errors.Add("mohClass", "does not exist");
        if (Rules.InternalNumber.IsMatch(queue.Number) && references.NumberTakenBy(queue.Number, "queue", queue.Id) is { } owner)
            errors.Add("number", $"is already used by {owner}");
    }
}

public static class RingGroupValidator
{
    public static void Validate(RingGroup group, ValidationErrors errors, PbxReferences? references)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(errors);
        Rules.InternalNumber.Check(errors, "number", group.Number);
        Rules.Name.Check(errors, "name", group.Name);
        if (!Enum.IsDefined(group.Strategy)) errors.Add("strategy", "must be ringAll or hunt");
        NumberRule.Check(errors, "ringSeconds", group.RingSeconds, 5, 300);
        DestinationValidator.Validate(group.NoAnswerDestination, errors.At("noAnswerDestination"), references);
        var members = Present.Check(errors, "memberExtensionIds", group.MemberExtensionIds) ? group.MemberExtensionIds : [];
        if (members.Count == 0) errors.Add("memberExtensionIds", "must hold at least one extension");
        if (members.Count > 100) errors.Add("memberExtensionIds", "may hold at most 100 extensions");
        if (members.Distinct().Count() != members.Count) errors.Add("memberExtensionIds", "must not repeat an extension");
        if (references is null) return;
        for (var i = 0; i < members.Count; i++)
            if (!references.HasExtension(members[i])) errors.At("memberExtensionIds", i).AddHere("does not exist");
        if (Rules.InternalNumber.IsMatch(group.Number) && references.NumberTakenBy(group.Number, "ringGroup", group.Id) is { } owner)
            errors.Add("number", $"is already used by {owner}");
    }
}
