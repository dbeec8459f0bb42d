using System.Text.Json.Serialization;
using BotPbx.Dialer.Amd;
using BotPbx.Telephony.Model;

namespace BotPbx.Api.Features.Campaigns;

/// <summary>Seed 003's campaign form, as stored (campaigns.settings) and as the API reads and writes it.</summary>
public sealed record CampaignSettings
{
    public string CallerId { get; init; } = "";
    public long TrunkId { get; init; }
    /// <summary>ISO 3166 region for numbers written without +country (libphonenumber's default region).</summary>
    public string DefaultRegion { get; init; } = "US";
    public ScheduleSettings Schedule { get; init; } = new();
    public int ConcurrentCalls { get; init; } = 5;
    public int CallsPerMinute { get; init; } = 30;
    public int AnswerTimeoutSeconds { get; init; } = 30;
    public RetrySettings Retry { get; init; } = new();
    public AmdSettings Amd { get; init; } = new();
    /// <summary>Where a person who answers goes: aiAgent, ivr, queue or extension.</summary>
    public Destination OnAnswer { get; init; } = new(DestinationType.Hangup);
    public VoicemailSettings OnVoicemail { get; init; } = new();
    /// <summary>Dispositions (BOTPBX_DISPOSITION set by the agent/IVR, or the API) that count as a conversion.</summary>
    public IReadOnlyList<string> ConversionDispositions { get; init; } = ["converted"];
}

public sealed record ScheduleSettings
{
    public string Start { get; init; } = "09:00";
    public string End { get; init; } = "18:00";
    public IReadOnlyList<string> Days { get; init; } = ["mon", "tue", "wed", "thu", "fri"];
    public string TimeZone { get; init; } = "UTC";
}

public sealed record RetrySettings
{
    public int Attempts { get; init; } = 3;
    public int NoAnswerDelaySeconds { get; init; } = 3600;
    public int BusyDelaySeconds { get; init; } = 600;
    public int FailedDelaySeconds { get; init; } = 1800;
}

/// <summary>On an answering machine: "playRecording" after the beep (an IVR recording or text spoken by flite), or "hangup".</summary>
public sealed record VoicemailSettings
{
    public string Action { get; init; } = "hangup";
    public string? RecordingId { get; init; }
    public string? Text { get; init; }
}

/// <summary>Create/replace body. Seed 003's snake_case names (trunk_id, caller_id, agent_id) are accepted too.</summary>
public sealed record CampaignRequest
{
    public string? Name { get; init; }
    public string? CallerId { get; init; }
    [JsonPropertyName("caller_id")] public string? CallerIdSnake { get; init; }
    public long? TrunkId { get; init; }
    [JsonPropertyName("trunk_id")] public long? TrunkIdSnake { get; init; }
    /// <summary>Seed 003's shorthand for onAnswer = {type: aiAgent, target: agent_id}.</summary>
    [JsonPropertyName("agent_id")] public System.Text.Json.JsonElement? AgentIdSnake { get; init; }
    public string? DefaultRegion { get; init; }
    public ScheduleSettings? Schedule { get; init; }
    public int? ConcurrentCalls { get; init; }
    public int? CallsPerMinute { get; init; }
    public int? AnswerTimeoutSeconds { get; init; }
    public RetrySettings? Retry { get; init; }
    public AmdSettings? Amd { get; init; }
    public Destination? OnAnswer { get; init; }
    public VoicemailSettings? OnVoicemail { get; init; }
    public IReadOnlyList<string>? ConversionDispositions { get; init; }

    public CampaignSettings ToSettings()
    {
        var d = new CampaignSettings();
        var agent = AgentIdSnake is { } a ? (a.ValueKind == System.Text.Json.JsonValueKind.Number ? a.GetRawText() : a.GetString()) : null;
        return new CampaignSettings
        {
            CallerId = CallerId ?? CallerIdSnake ?? "",
            TrunkId = TrunkId ?? TrunkIdSnake ?? 0,
            DefaultRegion = DefaultRegion ?? d.DefaultRegion,
            Schedule = Schedule ?? d.Schedule,
            ConcurrentCalls = ConcurrentCalls ?? d.ConcurrentCalls,
            CallsPerMinute = CallsPerMinute ?? d.CallsPerMinute,
            AnswerTimeoutSeconds = AnswerTimeoutSeconds ?? d.AnswerTimeoutSeconds,
            Retry = Retry ?? d.Retry,
            Amd = Amd ?? d.Amd,
            OnAnswer = OnAnswer ?? (agent is null ? d.OnAnswer : new Destination(DestinationType.AiAgent, agent)),
            OnVoicemail = OnVoicemail ?? d.OnVoicemail,
            ConversionDispositions = ConversionDispositions ?? d.ConversionDispositions,
        };
    }
}

/// <param name="WindowOpen">Set by the campaign's Hangfire window jobs; the dialer calls only while it is true.</param>
public sealed record Campaign(long Id, string Name, string Status, CampaignSettings Settings, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, DateTimeOffset? StartedAt, bool WindowOpen);
