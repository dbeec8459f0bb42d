using System.Text.Json.Serialization;

namespace BotPbx.Telephony.Model;

[JsonConverter(typeof(JsonStringEnumConverter<MohSort>))]
public enum MohSort
{
    [JsonStringEnumMemberName("random")] Random,
    [JsonStringEnumMemberName("alpha")] Alpha,
}

/// <summary>A music-on-hold class; its files live in <c>&lt;moh root&gt;/&lt;name&gt;</c>.</summary>
public sealed record MohClass
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public MohSort Sort { get; init; } = MohSort.Random;
}

public sealed record Conference
{
    public long Id { get; init; }
    public string Number { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>Digits callers must enter; empty = open room.</summary>
    public string Pin { get; init; } = "";
    /// <summary>Digits that join as administrator (marked user); empty = no administrator.</summary>
    public string AdminPin { get; init; } = "";
    public int MaxMembers { get; init; }
    public bool Record { get; init; }
    public bool AnnounceJoinLeave { get; init; }
    public string MohClass { get; init; } = "default";
}

/// <summary>The star codes phones dial. Each is validated as <c>*</c> followed by 1–4 digits, and all must differ.</summary>
public sealed record FeatureCodes
{
    public string VoicemailOwn { get; init; } = "*97";
    public string VoicemailAny { get; init; } = "*98";
    public string DndToggle { get; init; } = "*76";
    /// <summary>Followed by the target number: *72 5551234.</summary>
    public string ForwardAlwaysSet { get; init; } = "*72";
    public string ForwardAlwaysClear { get; init; } = "*73";
    public string ForwardBusySet { get; init; } = "*90";
    public string ForwardBusyClear { get; init; } = "*91";
    public string ForwardNoAnswerSet { get; init; } = "*52";
    public string ForwardNoAnswerClear { get; init; } = "*53";
    /// <summary>Followed by the queue number: *45 600.</summary>
    public string QueueLogin { get; init; } = "*45";
    public string QueueLogout { get; init; } = "*46";
    /// <summary>In-call code that starts recording when the policy is on-demand (features.conf automixmon).</summary>
    public string RecordToggle { get; init; } = "*1";
}
