using System.Text.Json.Serialization;

namespace BotPbx.Telephony.Model;

[JsonConverter(typeof(JsonStringEnumConverter<RingStrategy>))]
public enum RingStrategy
{
    [JsonStringEnumMemberName("ringAll")] RingAll,
    [JsonStringEnumMemberName("hunt")] Hunt,
}

public sealed record RingGroup
{
    public long Id { get; init; }
    public string Number { get; init; } = "";
    public string Name { get; init; } = "";
    public RingStrategy Strategy { get; init; } = RingStrategy.RingAll;
    /// <summary>Ring-all: how long all phones ring. Hunt: how long each member rings.</summary>
    public int RingSeconds { get; init; } = 20;
    public IReadOnlyList<long> MemberExtensionIds { get; init; } = [];
    public Destination NoAnswerDestination { get; init; } = Destination.Hangup;
}
