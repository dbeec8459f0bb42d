namespace BotPbx.Api.Features.Calls;

/// <summary>One row of cdr_raw as Asterisk wrote it (times are epoch seconds; 0 or null = not reached).</summary>
public sealed class CdrRecord
{
    public long RawId { get; init; }
    public double? Start { get; init; }
    public double? Answer { get; init; }
    public double? End { get; init; }
    public int? Duration { get; init; }
    public int? Billsec { get; init; }
    public string? Clid { get; init; }
    public string? Src { get; init; }
    public string? Dst { get; init; }
    public string? Dcontext { get; init; }
    public string? Channel { get; init; }
    public string? Dstchannel { get; init; }
    public string? Disposition { get; init; }
    public string? Uniqueid { get; init; }
    public string? Linkedid { get; init; }
    public int? Sequence { get; init; }
    public string? BotpbxDirection { get; init; }
    public string? BotpbxDid { get; init; }
    public string? BotpbxTrunk { get; init; }
    public string? BotpbxExt { get; init; }
    public string? BotpbxNumber { get; init; }
    public string? BotpbxQueue { get; init; }
    public string? BotpbxIvr { get; init; }
    public string? BotpbxCause { get; init; }
    public string? BotpbxRecording { get; init; }
    public string? BotpbxOriginate { get; init; }

    /// <summary>The conversation this record belongs to: linkedid, else the channel's own id, else the row.</summary>
    public string ConversationKey =>
        !string.IsNullOrEmpty(Linkedid) ? Linkedid : !string.IsNullOrEmpty(Uniqueid) ? Uniqueid : "raw-" + RawId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
