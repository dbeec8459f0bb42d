using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Validation;

/// <summary>Validates a whole snapshot: every object's fields, every reference, and clashes between objects.</summary>
public static class PbxValidator
{
    public static ValidationErrors Validate(PbxConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new ValidationErrors();
        var refs = new PbxReferences(configuration);
        SipSettingsValidator.Validate(configuration.Sip, errors.At("sip"));
        FeatureCodesValidator.Validate(configuration.FeatureCodes, errors.At("featureCodes"));
        Each(configuration.Extensions, "extensions", errors, (e, err) => ExtensionValidator.Validate(e, err, refs));
        Each(configuration.Trunks, "trunks", errors, TrunkValidator.Validate);
        Each(configuration.InboundRoutes, "inboundRoutes", errors, (r, err) => InboundRouteValidator.Validate(r, err, refs));
        Each(configuration.OutboundRoutes, "outboundRoutes", errors, (r, err) => OutboundRouteValidator.Validate(r, err, refs));
        Each(configuration.Queues, "queues", errors, (q, err) => CallQueueValidator.Validate(q, err, refs));
        Each(configuration.RingGroups, "ringGroups", errors, (g, err) => RingGroupValidator.Validate(g, err, refs));
        Each(configuration.TimeConditions, "timeConditions", errors, (t, err) => TimeConditionValidator.Validate(t, err, refs));
        Each(configuration.MohClasses, "mohClasses", errors, MohClassValidator.Validate);
        Each(configuration.Conferences, "conferences", errors, (c, err) => ConferenceValidator.Validate(c, err, refs));
        for (var i = 0; i < configuration.IvrIds.Count; i++) Rules.ObjectId.Check(errors.At("ivrIds", i), "", configuration.IvrIds[i]);
        for (var i = 0; i < configuration.AiAgentIds.Count; i++) Rules.ObjectId.Check(errors.At("aiAgentIds", i), "", configuration.AiAgentIds[i]);
        for (var i = 0; i < configuration.AiAgentNumbers.Count; i++)
        {
            // The agent's number is rendered into botpbx-internal: the same rule and clash check as an extension's number.
            var agent = configuration.AiAgentNumbers[i];
            var err = errors.At("aiAgentNumbers", i);
            Rules.ObjectId.Check(err, "agentId", agent.AgentId);
            Rules.InternalNumber.Check(err, "number", agent.Number);
            if (Rules.InternalNumber.IsMatch(agent.Number) && PbxReferences.TryId(agent.AgentId, out var agentId)
                && refs.NumberTakenBy(agent.Number, "aiAgent", agentId) is { } owner)
                err.Add("number", $"is already used by {owner}");
        }
        Unique(configuration.Extensions.Select(e => e.Id), "extensions", errors);
        Unique(configuration.Trunks.Select(t => t.Id), "trunks", errors);
        Unique(configuration.Queues.Select(q => q.Id), "queues", errors);
        Unique(configuration.RingGroups.Select(g => g.Id), "ringGroups", errors);
        Unique(configuration.TimeConditions.Select(t => t.Id), "timeConditions", errors);
        Unique(configuration.Conferences.Select(c => c.Id), "conferences", errors);
        Unique(configuration.InboundRoutes.Select(r => r.Id), "inboundRoutes", errors);
        Unique(configuration.OutboundRoutes.Select(r => r.Id), "outboundRoutes", errors);
        Duplicates(configuration.MohClasses, m => m.Name, StringComparer.Ordinal, "mohClasses", "name", "is already used by another class", errors);
        Duplicates(configuration.Trunks, t => t.Name, StringComparer.OrdinalIgnoreCase, "trunks", "name", "is already used by another trunk", errors);
        Duplicates(configuration.InboundRoutes, r => r.Did + "\n" + r.CallerIdPattern + "\n" + r.TrunkId, StringComparer.Ordinal,
            "inboundRoutes", "did", "another route already answers this DID for the same caller ID and trunk", errors);
        return errors;
    }

    public static void ThrowIfInvalid(PbxConfiguration configuration)
    {
        var errors = Validate(configuration);
        if (!errors.IsValid) throw new PbxValidationException(errors);
    }

    private static void Each<T>(IReadOnlyList<T> items, string field, ValidationErrors errors, Action<T, ValidationErrors> validate)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null) errors.At(field, i).AddHere("is required");
            else validate(items[i], errors.At(field, i));
        }
    }

    /// <summary>Reports every item after the first that shares a key, on that item's field.</summary>
    private static void Duplicates<T>(IReadOnlyList<T> items, Func<T, string> key, StringComparer comparer, string collection, string field,
        string message, ValidationErrors errors)
    {
        var seen = new HashSet<string>(comparer);
        for (var i = 0; i < items.Count; i++)
            if (items[i] is not null && !seen.Add(key(items[i]))) errors.At(collection, i).Add(field, message);
    }

    private static void Unique(IEnumerable<long> ids, string field, ValidationErrors errors)
    {
        var list = ids.ToList();
        if (list.Any(id => id <= 0)) errors.Add(field, "every object needs a positive id");
        if (list.Distinct().Count() != list.Count) errors.Add(field, "ids must be unique");
    }
}
