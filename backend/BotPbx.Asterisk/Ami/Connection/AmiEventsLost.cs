namespace BotPbx.Asterisk.Ami;

/// <summary>A subscription lost events, or may have: resynchronise what is derived from them.</summary>
/// <param name="Reason"><see cref="SlowSubscriber"/> or <see cref="Reconnected"/>.</param>
/// <param name="Lost">Events lost in this gap when known (they are still being counted when the loss starts), else -1.</param>
/// <param name="TotalLost">Events this subscription has lost since it was created.</param>
public sealed record AmiEventsLost(string Reason, long Lost, long TotalLost)
{
    /// <summary>The consumer stayed full longer than <see cref="AmiOptions.SlowSubscriberTimeout"/>.</summary>
    public const string SlowSubscriber = "SlowSubscriber";

    /// <summary>The AMI connection was lost and re-established; events raised meanwhile never reached the client.</summary>
    public const string Reconnected = "Reconnected";
}
