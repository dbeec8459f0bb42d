namespace BotPbx.Telephony.Live;

/// <summary>A channel's mutable state inside the model; only the model's one writer touches it.</summary>
internal sealed class ChannelState(string uniqueid, string linkedid, string name, DateTimeOffset createdAt)
{
    public string Uniqueid { get; } = uniqueid;
    public string Linkedid { get; set; } = linkedid;
    public string Name { get; set; } = name;
    public string State { get; set; } = "Down";
    public string CallerIdNum { get; set; } = "";
    public string CallerIdName { get; set; } = "";
    public string ConnectedNum { get; set; } = "";
    public string ConnectedName { get; set; } = "";
    public string Context { get; set; } = "";
    public string Exten { get; set; } = "";
    public string Application { get; set; } = "";
    public string ApplicationData { get; set; } = "";
    public string? BridgeId { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = createdAt;
    public DateTimeOffset? AnsweredAt { get; set; }
    /// <summary>This channel is dialling another (DialBegin without DialEnd): its going Up is then the callee's answer.</summary>
    public int DialsOutstanding { get; set; }

    public string? Endpoint => LiveNames.Endpoint(Name);

    public bool IsLocal => Name.StartsWith("Local/", StringComparison.OrdinalIgnoreCase);

    public LiveChannelView ToView() => new(Uniqueid, Linkedid, Name, State, CallerIdNum, CallerIdName, ConnectedNum, ConnectedName,
        Context, Exten, Application, ApplicationData, BridgeId, Endpoint, CreatedAt, AnsweredAt);
}

/// <summary>A call's mutable state: its channels (oldest first) and what was learnt about it.</summary>
internal sealed class CallState(string linkedid, DateTimeOffset startedAt)
{
    public string Linkedid { get; } = linkedid;
    public List<ChannelState> Channels { get; } = [];
    /// <summary>Every extension that had a leg in the call, in order of arrival (kept after the leg hangs up).</summary>
    public List<string> Extensions { get; } = [];
    public string From { get; set; } = "";
    public string FromName { get; set; } = "";
    public string To { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; } = startedAt;
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
    public string? Queue { get; set; }
    public string? LastDialStatus { get; set; }
    /// <summary>Set once the call's first channel was seen: From/To come from it.</summary>
    public bool HasOrigin { get; set; }
}

/// <summary>An extension's presence inputs; the status is derived from them (<see cref="LiveModel"/>).</summary>
internal sealed class ExtensionState(string number)
{
    public string Number { get; } = number;
    public string Name { get; set; } = "";
    /// <summary>The hint's state (ExtensionStatus Status), or null before any was seen.</summary>
    public int? HintStatus { get; set; }
    public string HintText { get; set; } = "";
    /// <summary>AstDB BOTPBX/&lt;ext&gt;/dnd when the key exists (a phone set it), else null: the saved setting applies.</summary>
    public bool? DndOverride { get; set; }
    public bool SavedDnd { get; set; }
    public Dictionary<string, LiveContactView> Contacts { get; } = new(StringComparer.Ordinal);
    public DateTimeOffset Since { get; set; }

    public bool Dnd => DndOverride ?? SavedDnd;
}

internal sealed class QueueState(string queue)
{
    public string Queue { get; } = queue;
    public string Strategy { get; set; } = "";
    public int Completed { get; set; }
    public int Abandoned { get; set; }
    public List<LiveQueueCallerView> Callers { get; } = [];
    public Dictionary<string, LiveQueueMemberView> Members { get; } = new(StringComparer.OrdinalIgnoreCase);
}
