namespace BotPbx.Asterisk.Ami;

/// <summary>
/// A message whose first line is <c>Event:</c>. May also contain <c>Response</c> (OriginateResponse,
/// ChallengeResponseFailed) and <c>ActionID</c> (list items, OriginateResponse, UserEvent): those do not make it a response.
/// </summary>
public sealed class AmiEvent : AmiMessage
{
    internal AmiEvent(byte[] slab, int start, int length, AmiLineIndex lines, string name, string? actionId)
        : base(slab, start, length, lines, actionId)
    {
        Name = name;
    }

    internal AmiEvent(byte[] slab, int start, int length, int frameLength, string name)
        : base(slab, start, length, frameLength)
    {
        Name = name;
    }

    /// <summary>The event name, e.g. <c>Newchannel</c>.</summary>
    public string Name { get; }

    /// <summary>True for <c>EventList: Complete</c>, the event that ends an event list.</summary>
    public bool CompletesEventList => string.Equals(this["EventList"], "Complete", StringComparison.OrdinalIgnoreCase);

    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);
}
