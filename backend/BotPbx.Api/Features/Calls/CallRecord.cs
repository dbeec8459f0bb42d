namespace BotPbx.Api.Features.Calls;

/// <summary>
/// One call of the call log as the API answers it. <c>callId</c> is Asterisk's linkedid (the id the live events
/// carry); <c>recordingUrl</c> is set when the recording file existed when the call was logged; <c>transcriptId</c>
/// when the transcription feature has stored a transcript.
/// </summary>
public sealed record CallRecord
{
    public long Id { get; init; }
    public string CallId { get; init; } = "";
    public string Direction { get; init; } = "";
    public string From { get; init; } = "";
    public string FromName { get; init; } = "";
    public string To { get; init; } = "";
    public string? Did { get; init; }
    public long? TrunkId { get; init; }
    public string? Trunk { get; init; }
    public string? Extension { get; init; }
    public string[] Extensions { get; init; } = [];
    public string? AnsweredBy { get; init; }
    public string? Queue { get; init; }
    public string? IvrPath { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public DateTimeOffset EndedAt { get; init; }
    public int Duration { get; init; }
    public int Billsec { get; init; }
    public int? WaitSeconds { get; init; }
    public string Disposition { get; init; } = "";
    public string? HangupCause { get; init; }
    public string? RecordingUrl { get; init; }
    public long? TranscriptId { get; init; }
    public string? OriginatedBy { get; init; }
    public int Legs { get; init; }
}

/// <summary>Today's figures for the dashboard, in the company's time zone.</summary>
public sealed record CallStats(
    string Date, string TimeZone, int Total, int Answered, int Missed, double? AverageWaitSeconds,
    IReadOnlyList<HourFigures> ByHour, IReadOnlyList<ExtensionFigures> BusiestExtensions);

public sealed record HourFigures(int Hour, int Answered, int Missed);

public sealed record ExtensionFigures(string Extension, string? Name, int Calls);
