using System.Globalization;
using System.Text.RegularExpressions;

namespace BotPbx.Api.Features.Calls;

/// <summary>
/// Folds the CDRs of one conversation (same linkedid) into one call. Pure: the same records give the same call, which
/// is what makes the reconciler safe to run again over records it has already seen (a later leg simply rebuilds the row).
/// Asterisk writes one CDR per pair of parties (and per Local-channel half for ring groups, queues and follow-me), so
/// the caller's record is found first and the others only add who answered, the extensions rung and the variables.
/// </summary>
public static partial class CallAssembler
{
    public const string Answered = "ANSWERED";

    /// <param name="records">Every record of one conversation, in any order.</param>
    /// <param name="recordingExists">Whether a recording path Asterisk reported is a file that exists.</param>
    public static CallRow Assemble(IReadOnlyList<CdrRecord> records, Func<string, bool> recordingExists)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) throw new ArgumentException("a call needs at least one record", nameof(records));
        var ordered = records.OrderBy(r => Positive(r.Start) ?? double.MaxValue).ThenBy(r => r.Sequence ?? int.MaxValue).ThenBy(r => r.RawId).ToList();
        // The caller's record: the earliest one on a real channel (Local halves are BotPBX's own plumbing).
        var primary = ordered.FirstOrDefault(r => !IsLocal(r.Channel)) ?? ordered[0];

        var start = ordered.Select(r => Positive(r.Start)).Where(v => v is not null).DefaultIfEmpty(null).Min() ?? 0;
        var end = ordered.Select(r => Positive(r.End) ?? (Positive(r.Start) + (r.Duration ?? 0))).Where(v => v is not null).DefaultIfEmpty(null).Max() ?? start;
        if (end < start) end = start;

        var direction = ordered.Any(r => r.BotpbxDirection == "inbound") ? "inbound"
            : ordered.Any(r => r.BotpbxDirection == "outbound") ? "outbound"
            : "internal";

        // A person answered: a record whose callee is a phone (PJSIP/<number>) or a ring of one (Local/<number>@botpbx-device).
        var personAnswered = ordered.Where(r => r.Disposition == Answered && ExtensionOf(r.Dstchannel) is not null && Positive(r.Answer) is not null)
            .OrderBy(r => r.Answer).FirstOrDefault();
        var anyAnswered = ordered.Where(r => r.Disposition == Answered && Positive(r.Answer) is not null).OrderBy(r => r.Answer).FirstOrDefault();
        var answeredBy = personAnswered is null ? null : ExtensionOf(personAnswered.Dstchannel);
        var answerAt = Positive(personAnswered?.Answer) ?? Positive(anyAnswered?.Answer);
        var firstAnswer = Positive(anyAnswered?.Answer);

        var extensions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in ordered)
        {
            if (ExtensionOf(r.Channel) is { } a) extensions.Add(a);
            if (ExtensionOf(r.Dstchannel) is { } b) extensions.Add(b);
            if (IsNumber(r.BotpbxExt)) extensions.Add(r.BotpbxExt!);
        }

        var callerExtension = First(ordered, r => IsNumber(r.BotpbxExt) ? r.BotpbxExt : null) ?? ExtensionOf(primary.Channel);
        var rungExtension = ordered.Select(r => ExtensionOf(r.Dstchannel)).FirstOrDefault(e => e is not null);
        var extension = direction == "inbound" ? answeredBy ?? rungExtension : callerExtension ?? answeredBy;

        var did = First(ordered, r => r.BotpbxDid);
        var toNumber = direction switch
        {
            "inbound" => did ?? primary.Dst ?? "",
            "outbound" => First(ordered, r => r.BotpbxNumber) ?? primary.Dst ?? "",
            _ => answeredBy ?? primary.Dst ?? "",
        };
        if (First(ordered, r => r.BotpbxOriginate) is { } originator && direction != "inbound")
        {
            // Click-to-call: the record's caller is the originated Local channel; the caller is the user's extension.
            callerExtension = originator;
            extension = originator;
        }

        var recording = ordered.Select(r => r.BotpbxRecording).FirstOrDefault(p => !string.IsNullOrEmpty(p) && recordingExists(p!));
        var disposition = anyAnswered is not null ? Answered : Normalize(primary.Disposition);
        var ivr = ordered.Select(r => r.BotpbxIvr).Where(p => !string.IsNullOrEmpty(p)).OrderByDescending(p => p!.Length).FirstOrDefault();

        return new CallRow
        {
            CallId = primary.ConversationKey,
            Direction = direction,
            FromNumber = originatorNumber(primary, callerExtension, ordered),
            FromName = CallerName(primary.Clid),
            ToNumber = toNumber,
            Did = did,
            TrunkId = TrunkId(First(ordered, r => r.BotpbxTrunk)),
            Extension = extension,
            Extensions = [.. extensions],
            AnsweredBy = answeredBy,
            Queue = First(ordered, r => r.BotpbxQueue),
            IvrPath = ivr,
            StartedAt = Time(start),
            AnsweredAt = answerAt is { } at ? Time(at) : null,
            EndedAt = Time(end),
            Duration = Seconds(end - start),
            Billsec = firstAnswer is { } fa ? Seconds(end - fa) : 0,
            WaitSeconds = answerAt is { } w ? Seconds(w - start) : Seconds(end - start),
            Disposition = disposition,
            HangupCause = primary.BotpbxCause is { Length: > 0 } c ? c : First(ordered, r => r.BotpbxCause),
            RecordingPath = recording,
            OriginatedBy = First(ordered, r => r.BotpbxOriginate),
            Legs = ordered.Count,
        };

        static string originatorNumber(CdrRecord primary, string? callerExtension, List<CdrRecord> ordered) =>
            First(ordered, r => r.BotpbxOriginate) is { } o ? o
            : !string.IsNullOrEmpty(primary.Src) ? primary.Src!
            : callerExtension ?? "";
    }

    /// <summary>The extension number in a channel name: <c>PJSIP/2001-0000000a</c> or <c>Local/2001@botpbx-device-…;1</c>.</summary>
    public static string? ExtensionOf(string? channel)
    {
        if (string.IsNullOrEmpty(channel)) return null;
        var m = ChannelExtension().Match(channel);
        return m.Success ? m.Groups["n"].Value : null;
    }

    /// <summary><c>botpbx-trunk-7</c> (the pjsip endpoint of trunk 7) → 7.</summary>
    public static long? TrunkId(string? endpoint)
    {
        if (string.IsNullOrEmpty(endpoint)) return null;
        var m = TrunkEndpoint().Match(endpoint);
        return m.Success && long.TryParse(m.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>The name in a CDR clid, <c>"Alice" &lt;2001&gt;</c> → Alice.</summary>
    public static string CallerName(string? clid)
    {
        if (string.IsNullOrEmpty(clid)) return "";
        var lt = clid.LastIndexOf('<');
        var name = (lt >= 0 ? clid[..lt] : "").Trim().Trim('"').Trim();
        return name;
    }

    private static string Normalize(string? disposition) => disposition switch
    {
        "ANSWERED" or "NO ANSWER" or "BUSY" or "FAILED" or "CONGESTION" => disposition,
        null or "" => "FAILED",
        _ => disposition.ToUpperInvariant(),
    };

    private static bool IsLocal(string? channel) => channel?.StartsWith("Local/", StringComparison.Ordinal) == true;

    private static bool IsNumber(string? value) => !string.IsNullOrEmpty(value) && value.All(char.IsAsciiDigit);

    private static string? First(IEnumerable<CdrRecord> records, Func<CdrRecord, string?> pick) =>
        records.Select(pick).FirstOrDefault(v => !string.IsNullOrEmpty(v));

    private static double? Positive(double? seconds) => seconds is > 0 ? seconds : null;

    private static DateTimeOffset Time(double epochSeconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(epochSeconds * 1000, MidpointRounding.AwayFromZero));

    private static int Seconds(double span) => span <= 0 ? 0 : (int)Math.Round(span, MidpointRounding.AwayFromZero);

    [GeneratedRegex(@"\A(?:PJSIP/(?<n>[0-9]{2,8})-[0-9a-f]+|Local/(?<n>[0-9]{2,8})@botpbx-device-[0-9a-f]+;[12])\z", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelExtension();

    [GeneratedRegex(@"\Abotpbx-trunk-(?<id>[0-9]{1,18})\z", RegexOptions.CultureInvariant)]
    private static partial Regex TrunkEndpoint();
}
