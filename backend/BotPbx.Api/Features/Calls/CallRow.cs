namespace BotPbx.Api.Features.Calls;

/// <summary>One conversation as the reconciler writes it into <c>calls</c>.</summary>
public sealed record CallRow
{
    public required string CallId { get; init; }
    public required string Direction { get; init; }
    public string FromNumber { get; init; } = "";
    public string FromName { get; init; } = "";
    public string ToNumber { get; init; } = "";
    public string? Did { get; init; }
    public long? TrunkId { get; init; }
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
    public required string Disposition { get; init; }
    public string? HangupCause { get; init; }
    public string? RecordingPath { get; init; }
    public string? OriginatedBy { get; init; }
    public int Legs { get; init; }
}
