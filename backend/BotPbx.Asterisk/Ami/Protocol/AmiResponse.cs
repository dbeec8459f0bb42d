namespace BotPbx.Asterisk.Ami;

/// <summary>
/// A message whose first line is <c>Response:</c>. <see cref="Status"/> is its value: <c>Success</c>, <c>Error</c>,
/// <c>Goodbye</c> (Logoff), or the legacy <c>Follows</c> of Command before Asterisk 14.
/// </summary>
public sealed class AmiResponse : AmiMessage
{
    internal AmiResponse(byte[] slab, int start, int length, AmiLineIndex lines, string status, string? actionId)
        : base(slab, start, length, lines, actionId)
    {
        Status = status;
    }

    internal AmiResponse(byte[] slab, int start, int length, int frameLength, string status)
        : base(slab, start, length, frameLength)
    {
        Status = status;
    }

    public string Status { get; }

    public bool IsSuccess =>
        Status.Equals("Success", StringComparison.OrdinalIgnoreCase) || Status.Equals("Follows", StringComparison.OrdinalIgnoreCase);

    public string? Message => this["Message"];

    /// <summary><c>EventList: start</c>: list items and a <c>…Complete</c> event follow (fixture ami-eventlists).</summary>
    public bool StartsEventList => string.Equals(this["EventList"], "start", StringComparison.OrdinalIgnoreCase);

    /// <summary>Command output: the <c>Output:</c> lines (Asterisk 14+) or the raw lines of a legacy <c>Follows</c> reply.</summary>
    public IReadOnlyList<string> Output => GetAll("Output");
}
