namespace BotPbx.Api.Features.Ivr;

/// <summary>Host-side IVR settings (section "Ivr", next to the interpreter's own IvrOptions).</summary>
public sealed class IvrFeatureOptions
{
    /// <summary>Traces older than this are deleted.</summary>
    public int TraceRetentionDays { get; set; } = 30;

    /// <summary>
    /// Where uploaded recordings live as <c>&lt;id&gt;.wav</c>; Asterisk must be able to read it. Empty = derived from
    /// ASTERISK_SOUNDS (<see cref="Configuration.AsteriskPaths.IvrRecordings"/>).
    /// </summary>
    public string RecordingsDirectory { get; set; } = "";

    /// <summary>Largest flow document accepted, in bytes of JSON.</summary>
    public int MaxFlowBytes { get; set; } = 1_000_000;
}
