using System.Text.RegularExpressions;
using BotPbx.Api.Problems;
using BotPbx.Dialer.Contacts;
using BotPbx.Dialer.Schedule;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Validation;

namespace BotPbx.Api.Features.Campaigns;

/// <summary>
/// Checks a campaign before it is stored. Every value that reaches Asterisk (caller ID, the AMD arguments, the
/// destination, the voicemail message) is checked here against a strict rule; references (trunk, destination) against
/// the PBX configuration, the same <see cref="PbxReferences"/> the PBX objects use, so an AI agent is accepted once the
/// agents feature lists it as a destination source.
/// </summary>
public static partial class CampaignValidator
{
    public static readonly DestinationType[] AnswerTypes = [DestinationType.AiAgent, DestinationType.Ivr, DestinationType.Queue, DestinationType.Extension];

    [GeneratedRegex(@"\A[a-z0-9_]{1,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Disposition();

    public static FieldErrors Validate(string? name, CampaignSettings s, PbxReferences references)
    {
        var e = new FieldErrors();
        if (e.Required("name", name))
        {
            e.MaxLength("name", name, 100);
            e.NoControlCharacters("name", name);
        }
        e.Check(Rules.CallerIdNumber.IsMatch(s.CallerId), "callerId", "must be 2 to 20 digits with an optional leading +");
        e.Check(s.TrunkId > 0 && references.HasTrunk(s.TrunkId), "trunkId", "must be an existing trunk");
        e.Check(PhoneNormalizer.IsKnownRegion(s.DefaultRegion) && s.DefaultRegion.Length == 2, "defaultRegion", "must be a two-letter region such as US or GB");
        e.Range("concurrentCalls", s.ConcurrentCalls, 1, 200);
        e.Range("callsPerMinute", s.CallsPerMinute, 1, 1000);
        e.Range("answerTimeoutSeconds", s.AnswerTimeoutSeconds, 5, 120);
        ValidateSchedule(e, s.Schedule);
        e.Range("retry.attempts", s.Retry.Attempts, 0, 10);
        e.Range("retry.noAnswerDelaySeconds", s.Retry.NoAnswerDelaySeconds, 1, 7 * 86400);
        e.Range("retry.busyDelaySeconds", s.Retry.BusyDelaySeconds, 1, 7 * 86400);
        e.Range("retry.failedDelaySeconds", s.Retry.FailedDelaySeconds, 1, 7 * 86400);
        if (s.Amd.Enabled)
        {
            foreach (var (field, min, max, value) in s.Amd.Ranges()) e.Range("amd." + field, value, min, max);
            e.Check(s.Amd.TotalAnalysisTime >= s.Amd.InitialSilence, "amd.totalAnalysisTime", "must be at least initialSilence");
        }
        if (e.Check(AnswerTypes.Contains(s.OnAnswer.Type), "onAnswer.type", "must be aiAgent, ivr, queue or extension"))
            e.Check(references.Exists(s.OnAnswer) && Rules.ObjectId.IsMatch(s.OnAnswer.Target), "onAnswer.target", "must name an existing " + s.OnAnswer.Type.ToString());
        switch (s.OnVoicemail.Action)
        {
            case "hangup":
                break;
            case "playRecording":
                var hasRecording = !string.IsNullOrEmpty(s.OnVoicemail.RecordingId);
                var hasText = !string.IsNullOrWhiteSpace(s.OnVoicemail.Text);
                e.Check(hasRecording ^ hasText, "onVoicemail", "give either recordingId (an uploaded recording) or text (spoken by flite)");
                if (hasRecording) e.Check(Rules.ObjectId.IsMatch(s.OnVoicemail.RecordingId), "onVoicemail.recordingId", "must be an id of letters, digits and -");
                if (hasText)
                {
                    e.MaxLength("onVoicemail.text", s.OnVoicemail.Text, 1000);
                    e.NoControlCharacters("onVoicemail.text", s.OnVoicemail.Text);
                }
                break;
            default:
                e.Add("onVoicemail.action", "must be playRecording or hangup");
                break;
        }
        e.Check(s.ConversionDispositions is { Count: <= 20 } && s.ConversionDispositions.All(d => Disposition().IsMatch(d)), "conversionDispositions",
            "must be at most 20 names of lower-case letters, digits and _");
        return e;
    }

    public static bool IsDisposition(string? value) => value is not null && Disposition().IsMatch(value);

    private static void ValidateSchedule(FieldErrors e, ScheduleSettings s)
    {
        e.Check(CampaignSchedule.TryParseTime(s.Start, out _), "schedule.start", "must be HH:mm");
        e.Check(CampaignSchedule.TryParseTime(s.End, out _), "schedule.end", "must be HH:mm");
        e.Check(s.Days is { Count: > 0 } && s.Days.All(d => CampaignSchedule.TryParseDay(d, out _)), "schedule.days",
            "must list days as mon, tue, wed, thu, fri, sat, sun");
        e.Check(Rules.IsKnownTimeZone(s.TimeZone), "schedule.timeZone", "must be an IANA time zone such as America/New_York");
    }

    public static CampaignSchedule ToSchedule(ScheduleSettings s)
    {
        if (!CampaignSchedule.TryParseTime(s.Start, out var start) || !CampaignSchedule.TryParseTime(s.End, out var end))
            throw new InvalidOperationException("stored campaign schedule has an invalid time");
        var days = s.Days.Select(d => CampaignSchedule.TryParseDay(d, out var day) ? day : (DayOfWeek?)null).OfType<DayOfWeek>().ToHashSet();
        return new CampaignSchedule(start, end, days, TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone));
    }
}
