using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Validation;

public static class TimeConditionValidator
{
    public static void Validate(TimeCondition condition, ValidationErrors errors, PbxReferences? references)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(errors);
        Rules.Name.Check(errors, "name", condition.Name);
        Rules.TimeZoneName.Check(errors, "timeZone", condition.TimeZone);
        if (Rules.TimeZoneName.IsMatch(condition.TimeZone) && !Rules.IsKnownTimeZone(condition.TimeZone))
            errors.Add("timeZone", "is not a known time zone");
        var ranges = Present.Check(errors, "ranges", condition.Ranges) ? condition.Ranges : [];
        if (ranges.Count > 50) errors.Add("ranges", "may hold at most 50 ranges");
        for (var i = 0; i < ranges.Count; i++)
        {
            var range = errors.At("ranges", i);
            if (ranges[i] is not { } r) { range.AddHere("is required"); continue; }
            if (!Enum.IsDefined(r.FromDay)) range.Add("fromDay", "must be mon..sun");
            if (!Enum.IsDefined(r.ToDay)) range.Add("toDay", "must be mon..sun");
            Rules.TimeOfDay.Check(range, "start", r.Start);
            Rules.TimeOfDay.Check(range, "end", r.End);
            if (Rules.TimeOfDay.IsMatch(r.Start) && Rules.TimeOfDay.IsMatch(r.End) && string.CompareOrdinal(r.Start, r.End) >= 0)
                range.Add("end", "must be after start (split ranges that cross midnight)");
        }
        var holidays = Present.Check(errors, "holidays", condition.Holidays) ? condition.Holidays : [];
        if (holidays.Count > 100) errors.Add("holidays", "may hold at most 100 holidays");
        for (var i = 0; i < holidays.Count; i++)
        {
            var holiday = errors.At("holidays", i);
            if (holidays[i] is not { } h) { holiday.AddHere("is required"); continue; }
            Rules.Name.Check(holiday, "name", h.Name);
            NumberRule.Check(holiday, "month", h.Month, 1, 12);
            var days = h.Month is >= 1 and <= 12 ? DateTime.DaysInMonth(2024, h.Month) : 31;
            NumberRule.Check(holiday, "fromDay", h.FromDay, 1, days);
            NumberRule.Check(holiday, "toDay", h.ToDay, Math.Max(1, h.FromDay), days);
        }
        DestinationValidator.Validate(condition.Open, errors.At("open"), references);
        DestinationValidator.Validate(condition.Closed, errors.At("closed"), references);
    }
}

public static class MohClassValidator
{
    public static void Validate(MohClass moh, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(moh);
        ArgumentNullException.ThrowIfNull(errors);
        Rules.MohClassName.Check(errors, "name", moh.Name);
        if (!Enum.IsDefined(moh.Sort)) errors.Add("sort", "must be random or alpha");
    }
}

public static class ConferenceValidator
{
    public static void Validate(Conference room, ValidationErrors errors, PbxReferences? references)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(errors);
        Rules.InternalNumber.Check(errors, "number", room.Number);
        Rules.Name.Check(errors, "name", room.Name);
        Rules.ConferencePin.Check(errors, "pin", room.Pin, required: false);
        Rules.ConferencePin.Check(errors, "adminPin", room.AdminPin, required: false);
        if (!string.IsNullOrEmpty(room.AdminPin) && room.AdminPin == room.Pin) errors.Add("adminPin", "must differ from pin");
        NumberRule.Check(errors, "maxMembers", room.MaxMembers, 0, 500);
        Rules.MohClassName.Check(errors, "mohClass", room.MohClass);
        if (references is null) return;
        if (Rules.MohClassName.IsMatch(room.MohClass) && !references.HasMohClass(room.MohClass))
            errors.Add("mohClass", "does not exist");
        if (Rules.InternalNumber.IsMatch(room.Number) && references.NumberTakenBy(room.Number, "conference", room.Id) is { } owner)
            errors.Add("number", $"is already used by {owner}");
    }
}

public static class FeatureCodesValidator
{
    public static void Validate(FeatureCodes codes, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(errors);
        var all = All(codes);
        foreach (var (field, value) in all) Rules.FeatureCode.Check(errors, field, value);
        foreach (var group in all.Where(c => !string.IsNullOrEmpty(c.Value)).GroupBy(c => c.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
            foreach (var (field, _) in group) errors.Add(field, "is also used by another feature");
        // A set-code followed by digits would shadow a longer code that starts with it (e.g. *7 and *72).
        foreach (var (field, value) in all)
            if (Rules.FeatureCode.IsMatch(value) && all.Any(o => o.Field != field && Rules.FeatureCode.IsMatch(o.Value) && o.Value.Length > value.Length && o.Value.StartsWith(value, StringComparison.Ordinal)))
                errors.Add(field, "is a prefix of another feature code");
    }

    public static IReadOnlyList<(string Field, string Value)> All(FeatureCodes c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return
        [
            ("voicemailOwn", c.VoicemailOwn), ("voicemailAny", c.VoicemailAny), ("dndToggle", c.DndToggle),
            ("forwardAlwaysSet", c.ForwardAlwaysSet), ("forwardAlwaysClear", c.ForwardAlwaysClear),
            ("forwardBusySet", c.ForwardBusySet), ("forwardBusyClear", c.ForwardBusyClear),
            ("forwardNoAnswerSet", c.ForwardNoAnswerSet), ("forwardNoAnswerClear", c.ForwardNoAnswerClear),
            ("queueLogin", c.QueueLogin), ("queueLogout", c.QueueLogout), ("recordToggle", c.RecordToggle),
        ];
    }
}
