using System.Globalization;
using System.Text;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// Not from Asterisk: the marker a subscription queues where events are missing (<c>Event: BotPbxEventsLost</c>,
/// <c>Lost: N</c> or <c>-1</c> when unknown, <c>Reason: SlowSubscriber|Reconnected</c>). Everything derived from the
/// stream before it may be stale; see <see cref="AmiEventSubscription"/>.
/// </summary>
public sealed class EventsLostEvent(AmiEvent raw) : AmiTypedEvent(raw)
{
    public const string EventName = "BotPbxEventsLost";

    /// <summary>Events missing at this point, or -1 when nobody could count them (a reconnect).</summary>
    public long Lost => long.TryParse(Raw["Lost"], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var lost) ? lost : -1;

    /// <summary><see cref="AmiEventsLost.SlowSubscriber"/> or <see cref="AmiEventsLost.Reconnected"/>.</summary>
    public string Reason => Text("Reason");

    internal static AmiEvent Create(long lost, string reason)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"Event: {EventName}\r\nLost: {lost}\r\nReason: {reason}\r\n\r\n");
        var buffer = new System.Buffers.ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));
        AmiMessageParser.TryParse(ref buffer, 1024, out var message);
        return (AmiEvent)message;
    }
}
