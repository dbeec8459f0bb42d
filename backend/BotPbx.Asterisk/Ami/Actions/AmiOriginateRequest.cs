namespace BotPbx.Asterisk.Ami;

/// <summary>
/// An async Originate: dial <see cref="Channel"/>, and when it answers run either dialplan
/// (<see cref="Context"/>/<see cref="Exten"/>/<see cref="Priority"/>) or <see cref="Application"/>(<see cref="Data"/>).
/// </summary>
public sealed record AmiOriginateRequest(string Channel)
{
    public string? Context { get; init; }

    public string? Exten { get; init; }

    public int? Priority { get; init; }

    public string? Application { get; init; }

    public string? Data { get; init; }

    /// <summary>How long to ring; null leaves Asterisk's default (30 s). Also bounds how long <c>OriginateAsync</c> waits for OriginateResponse.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Asterisk's ring time when the action has no <c>Timeout:</c> (manager.c: 30000 ms).</summary>
    internal static readonly TimeSpan AsteriskDefaultTimeout = TimeSpan.FromSeconds(30);

    public string? CallerId { get; init; }

    public string? Account { get; init; }

    /// <summary>Sets the new channel's Uniqueid, so events can be matched before OriginateResponse arrives.</summary>
    public string? ChannelId { get; init; }

    public string? Codecs { get; init; }

    public bool? EarlyMedia { get; init; }

    /// <summary>Channel variables, one <c>Variable: NAME=value</c> line each.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    internal AmiAction ToAction()
    {
        if (Application is null && (Context is null || Exten is null))
        {
            throw new ArgumentException("Originate needs Application, or Context and Exten", nameof(Application));
        }
        var action = new AmiAction("Originate")
            .Add("Channel", Channel)
            .Add("Context", Context)
            .Add("Exten", Exten)
            .Add("Priority", Priority ?? (Exten is null ? null : 1))
            .Add("Application", Application)
            .Add("Data", Data)
            .Add("Timeout", Timeout is { } ring ? (int?)(int)ring.TotalMilliseconds : null)
            .Add("CallerID", CallerId)
            .Add("Account", Account)
            .Add("ChannelId", ChannelId)
            .Add("Codecs", Codecs)
            .Add("EarlyMedia", EarlyMedia)
            .Add("Async", "true");
        foreach (var (name, value) in Variables)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Contains('=', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Originate variable name '{name}' must be non-empty and contain no '='", nameof(Variables));
            }
            action.Add("Variable", $"{name}={value}");
        }
        return action;
    }
}

/// <summary>The OriginateResponse event, typed. <see cref="Reason"/> 4 = answered; a channel with no contact gives Failure/0.</summary>
public sealed record AmiOriginateResult(bool Success, int Reason, string? Channel, string? Uniqueid, OriginateResponseEvent Event);
