namespace BotPbx.Telephony.Model;

/// <summary>Everything the renderer needs, as one immutable snapshot loaded from the database.</summary>
public sealed record PbxConfiguration
{
    public SipSettings Sip { get; init; } = new();
    public FeatureCodes FeatureCodes { get; init; } = new();
    public IReadOnlyList<Extension> Extensions { get; init; } = [];
    public IReadOnlyList<Trunk> Trunks { get; init; } = [];
    public IReadOnlyList<InboundRoute> InboundRoutes { get; init; } = [];
    public IReadOnlyList<OutboundRoute> OutboundRoutes { get; init; } = [];
    public IReadOnlyList<CallQueue> Queues { get; init; } = [];
    public IReadOnlyList<RingGroup> RingGroups { get; init; } = [];
    public IReadOnlyList<TimeCondition> TimeConditions { get; init; } = [];
    public IReadOnlyList<MohClass> MohClasses { get; init; } = [];
    public IReadOnlyList<Conference> Conferences { get; init; } = [];
    /// <summary>Ids of IVRs (owned by the IVR feature); destinations may only name these.</summary>
    public IReadOnlyList<string> IvrIds { get; init; } = [];
    /// <summary>Ids of AI agents; destinations may only name these.</summary>
    public IReadOnlyList<string> AiAgentIds { get; init; } = [];
}

/// <summary>Values that are not PBX data but shape the files: paths and the credentials BotPBX itself uses.</summary>
public sealed record RenderOptions
{
    public string MohRoot { get; init; } = "/var/lib/asterisk/moh/botpbx";
    public string RecordingRoot { get; init; } = "/var/spool/asterisk/monitor/botpbx";
    /// <summary>Where BotPBX's own prompts are (<see cref="Sounds.SystemPrompts"/>); the dialplan plays them by absolute path.</summary>
    public string SystemSoundsDirectory { get; init; } = Sounds.SystemPrompts.DefaultDirectory;
    public string AmiUser { get; init; } = "botpbx";
    public string AmiSecret { get; init; } = "";
    public string AriUser { get; init; } = "botpbx";
    public string AriSecret { get; init; } = "";
    /// <summary>Asterisk's plain HTTP server (ARI + local WebSocket) stays on loopback.</summary>
    public int AriHttpPort { get; init; } = 8088;
    public string VoicemailFromAddress { get; init; } = "";
    /// <summary>IPv4 address Asterisk dials for the IVR hand-off (<c>AGI(agi://host:port/ivr/id)</c>): BotPBX's FastAGI server.</summary>
    public string AgiHost { get; init; } = "127.0.0.1";
    public int AgiPort { get; init; } = 4573;
}
