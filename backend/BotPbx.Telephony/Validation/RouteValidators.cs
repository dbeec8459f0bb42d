using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Validation;

public static class InboundRouteValidator
{
    public static void Validate(InboundRoute route, ValidationErrors errors, PbxReferences? references)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(errors);
        Rules.Name.Check(errors, "name", route.Name);
        // Empty DID = any number the trunk sends.
        Rules.DialPattern.Check(errors, "did", route.Did, required: false);
        Rules.DialPattern.Check(errors, "callerIdPattern", route.CallerIdPattern, required: false);
        DestinationValidator.Validate(route.Destination, errors.At("destination"), references);
        if (route.TrunkId is { } trunkId && references is not null && !references.HasTrunk(trunkId))
            errors.Add("trunkId", "does not exist");
    }
}

public static class OutboundRouteValidator
{
    public static void Validate(OutboundRoute route, ValidationErrors errors, PbxReferences? references)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(errors);
        Rules.Name.Check(errors, "name", route.Name);
        NumberRule.Check(errors, "position", route.Position, 0, 100_000);
        NumberRule.Check(errors, "strip", route.Strip, 0, 16);
        Rules.Prepend.Check(errors, "prepend", route.Prepend, required: false);
        Rules.CallerIdNumber.Check(errors, "callerIdOverride", route.CallerIdOverride, required: false);

        var patterns = Present.Check(errors, "patterns", route.Patterns) ? route.Patterns : [];
        if (patterns.Count == 0 && (route.EmergencyNumbers?.Count ?? 0) == 0)
            errors.Add("patterns", "must hold at least one pattern");
        if (patterns.Count > 50) errors.Add("patterns", "may hold at most 50 patterns");
        for (var i = 0; i < patterns.Count; i++) Rules.DialPattern.Check(errors.At("patterns", i), "", patterns[i]);

        var emergency = Present.Check(errors, "emergencyNumbers", route.EmergencyNumbers) ? route.EmergencyNumbers : [];
        if (emergency.Count > 10) errors.Add("emergencyNumbers", "may hold at most 10 numbers");
        for (var i = 0; i < emergency.Count; i++) Rules.DialNumber.Check(errors.At("emergencyNumbers", i), "", emergency[i]);

        var trunks = Present.Check(errors, "trunkIds", route.TrunkIds) ? route.TrunkIds : [];
        if (trunks.Count == 0) errors.Add("trunkIds", "must name at least one trunk");
        if (trunks.Distinct().Count() != trunks.Count) errors.Add("trunkIds", "must not repeat a trunk");
        var allowed = Present.Check(errors, "allowedExtensionIds", route.AllowedExtensionIds) ? route.AllowedExtensionIds : [];
        if (references is null) return;
        for (var i = 0; i < trunks.Count; i++)
            if (!references.HasTrunk(trunks[i])) errors.At("trunkIds", i).AddHere("does not exist");
        for (var i = 0; i < allowed.Count; i++)
            if (!references.HasExtension(allowed[i])) errors.At("allowedExtensionIds", i).AddHere("does not exist");
    }
}
