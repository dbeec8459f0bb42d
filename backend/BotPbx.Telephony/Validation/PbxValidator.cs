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
        Unique(configuration.Extensions.Select(e => e.Id), "extensions", errors);
        Unique(configuration.Trunks.Select(t => t.Id), "trunks", errors);
        Unique(configuration.Queues.Select(q => q.Id), "queues", errors);
        Unique(configuration.RingGroups.Select(g => g.Id), "ringGroups", errors);
        Unique(configuration.TimeConditions.Select(t => t.Id), "timeConditions", errors);
        Unique(configuration.Conferences.Select(c => c.Id), "conferences", errors);
        Unique(configuration.InboundRoutes.Select(r => r.Id), "inboundRoutes", errors);
        Unique(configuration.OutboundRoutes.Select(r => r.Id), "outboundRoutes", errors);
        if (configuration.MohClasses.GroupBy(m => m.Name, StringComparer.Ordinal).Any(g => g.Count() > 1))
            errors.Add("mohClasses", "class names must be unique");
        if (configuration.Trunks.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
            errors.Add("trunks", "trunk names must be unique");
        foreach (var clash in configuration.InboundRoutes.GroupBy(r => (r.Did, r.CallerIdPattern, r.TrunkId)).Where(g => g.Count() > 1))
            errors.Add("inboundRoutes", $"more than one route for DID '{clash.Key.Did}' and the same caller ID and trunk");
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

    private static void Unique(IEnumerable<long> ids, string field, ValidationErrors errors)
    {
        var list = ids.ToList();
        if (list.Any(id => id <= 0)) errors.Add(field, "every object needs a positive id");
        if (list.Distinct().Count() != list.Count) errors.Add(field, "ids must be unique");
    }
}
