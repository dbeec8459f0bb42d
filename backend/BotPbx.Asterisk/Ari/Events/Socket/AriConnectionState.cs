namespace BotPbx.Asterisk.Ari;

/// <summary>Where the event socket is. Events only flow while <see cref="Connected"/>; after any other state a
/// consumer must assume it missed events (re-read the channels it cares about).</summary>
public enum AriConnectionState
{
    /// <summary>Not started, or stopped for good.</summary>
    Stopped,

    /// <summary>Opening TCP/TLS and doing the websocket upgrade.</summary>
    Connecting,

    /// <summary>Upgraded; events are being read.</summary>
    Connected,

    /// <summary>The last attempt failed or the connection dropped; waiting out the back-off before the next try.</summary>
    WaitingToReconnect,
}

public sealed class AriConnectionStateChangedEventArgs(AriConnectionState previous, AriConnectionState current, Exception? error) : EventArgs
{
    public AriConnectionState Previous { get; } = previous;

    public AriConnectionState Current { get; } = current;

    /// <summary>Why the connection was lost or the attempt failed; null for planned changes.</summary>
    public Exception? Error { get; } = error;
}

/// <summary>The reconnect delays: <c>min × 2^failures</c>, capped at max. Failures reset once a connection is up,
/// so a single drop after hours of service is retried after <see cref="AriOptions.ReconnectMinDelay"/>.</summary>
public static class AriBackoff
{
    public static TimeSpan Delay(TimeSpan min, TimeSpan max, int failures)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failures);
        var factor = Math.Pow(2, Math.Min(failures, 30));
        var ticks = Math.Min(max.Ticks, min.Ticks * factor);
        return TimeSpan.FromTicks((long)ticks);
    }
}
