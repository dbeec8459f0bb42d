using System.Text.Json.Serialization;

namespace BotPbx.Telephony.Model;

[JsonConverter(typeof(JsonStringEnumConverter<WeekDay>))]
public enum WeekDay
{
    [JsonStringEnumMemberName("mon")] Mon,
    [JsonStringEnumMemberName("tue")] Tue,
    [JsonStringEnumMemberName("wed")] Wed,
    [JsonStringEnumMemberName("thu")] Thu,
    [JsonStringEnumMemberName("fri")] Fri,
    [JsonStringEnumMemberName("sat")] Sat,
    [JsonStringEnumMemberName("sun")] Sun,
}

/// <summary>Open from <see cref="Start"/> to <see cref="End"/> (HH:mm, 24 h) on the days <see cref="FromDay"/>..<see cref="ToDay"/>.</summary>
public sealed record WeeklyRange(WeekDay FromDay, WeekDay ToDay, string Start, string End);

/// <summary>A yearly closed period: days <see cref="FromDay"/>..<see cref="ToDay"/> of <see cref="Month"/> (GotoIfTime has no year).</summary>
public sealed record Holiday(string Name, int Month, int FromDay, int ToDay);

public sealed record TimeCondition
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    /// <summary>IANA zone passed to GotoIfTime's timezone argument, e.g. <c>America/New_York</c>.</summary>
    public string TimeZone { get; init; } = "UTC";
    public IReadOnlyList<WeeklyRange> Ranges { get; init; } = [];
    public IReadOnlyList<Holiday> Holidays { get; init; } = [];
    /// <summary>Where calls go inside a range (and not on a holiday).</summary>
    public Destination Open { get; init; } = Destination.Hangup;
    public Destination Closed { get; init; } = Destination.Hangup;
}
