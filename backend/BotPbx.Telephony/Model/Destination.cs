using System.Text.Json.Serialization;

namespace BotPbx.Telephony.Model;

/// <summary>Everything a call can be sent to. One notion shared by inbound routes, queues, ring groups, time conditions.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DestinationType>))]
public enum DestinationType
{
    [JsonStringEnumMemberName("extension")] Extension,
    [JsonStringEnumMemberName("ringGroup")] RingGroup,
    [JsonStringEnumMemberName("queue")] Queue,
    [JsonStringEnumMemberName("ivr")] Ivr,
    [JsonStringEnumMemberName("aiAgent")] AiAgent,
    [JsonStringEnumMemberName("voicemail")] Voicemail,
    [JsonStringEnumMemberName("timeCondition")] TimeCondition,
    [JsonStringEnumMemberName("conference")] Conference,
    [JsonStringEnumMemberName("external")] External,
    [JsonStringEnumMemberName("hangup")] Hangup,
}

/// <summary>
/// A (type, target) pair. Target is the id of the object for internal types (extension, ring group, queue, IVR,
/// AI agent, voicemail box = extension id, time condition, conference), the dialled number for <c>external</c>,
/// and empty for <c>hangup</c>. Stored as two columns; references are checked in code.
/// </summary>
public sealed record Destination(DestinationType Type, string? Target = null)
{
    public static Destination Hangup { get; } = new(DestinationType.Hangup);

    public static Destination To(DestinationType type, long id) =>
        new(type, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
