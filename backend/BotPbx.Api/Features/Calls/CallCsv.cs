using System.Globalization;
using System.Text;

namespace BotPbx.Api.Features.Calls;

/// <summary>
/// RFC 4180 CSV of the call log, written row by row to the response. Hand-written (a dozen lines) rather than
/// CsvHelper: one fixed record type, and quoting is the only rule. Cells that a spreadsheet would run as a formula
/// (=, +, -, @ first) are prefixed with a quote, except plain phone numbers such as +15551234567.
/// </summary>
public static class CallCsv
{
    public static readonly string[] Header =
    [
        "id", "call_id", "started_at", "answered_at", "ended_at", "direction", "from", "from_name", "to", "did", "trunk",
        "extension", "answered_by", "queue", "ivr_path", "duration", "billsec", "wait_seconds", "disposition", "hangup_cause",
        "recording_url", "transcript_id",
    ];

    public static string Row(CallRecord c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Line(
        [
            N(c.Id), c.CallId, T(c.StartedAt), T(c.AnsweredAt), T(c.EndedAt), c.Direction, c.From, c.FromName, c.To, c.Did,
            c.Trunk, c.Extension, c.AnsweredBy, c.Queue, c.IvrPath, N(c.Duration), N(c.Billsec), N(c.WaitSeconds),
            c.Disposition, c.HangupCause, c.RecordingUrl, N(c.TranscriptId),
        ]);
    }

    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' && !IsPhoneNumber(value)) value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static bool IsPhoneNumber(string value) => value.Length > 1 && value[0] == '+' && value.Skip(1).All(char.IsAsciiDigit);

    private static string N(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string T(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    public static readonly Encoding Utf8 = new UTF8Encoding(false);
}
