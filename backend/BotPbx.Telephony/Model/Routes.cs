namespace BotPbx.Telephony.Model;

public sealed record InboundRoute
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    /// <summary>The dialled number as the trunk sends it (digits, optional +), or an Asterisk pattern starting with _.</summary>
    public string Did { get; init; } = "";
    /// <summary>Optional caller-ID number or pattern; empty matches every caller.</summary>
    public string CallerIdPattern { get; init; } = "";
    /// <summary>Only calls arriving on this trunk; null = any trunk.</summary>
    public long? TrunkId { get; init; }
    public Destination Destination { get; init; } = Destination.Hangup;
}

public sealed record OutboundRoute
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    /// <summary>Lower is tried first: Asterisk searches the included route contexts in this order.</summary>
    public int Position { get; init; }
    /// <summary>Asterisk dial patterns, e.g. <c>_9NXXNXXXXXX</c>, <c>011.</c>, <c>NXXNXXXXXX</c> (the leading _ is added when missing).</summary>
    public IReadOnlyList<string> Patterns { get; init; } = [];
    /// <summary>Digits removed from the front of the dialled number, before <see cref="Prepend"/> is added.</summary>
    public int Strip { get; init; }
    public string Prepend { get; init; } = "";
    /// <summary>Trunks tried in order; the next one is tried on CONGESTION or CHANUNAVAIL.</summary>
    public IReadOnlyList<long> TrunkIds { get; init; } = [];
    public string CallerIdOverride { get; init; } = "";
    /// <summary>Extensions allowed to use the route; empty = every extension.</summary>
    public IReadOnlyList<long> AllowedExtensionIds { get; init; } = [];
    /// <summary>Numbers dialled through this route's trunks by anyone, before any other route (e.g. 911, 112).</summary>
    public IReadOnlyList<string> EmergencyNumbers { get; init; } = [];
}
