namespace BotPbx.Asterisk.Ami;

/// <summary>Where the client's connection to Asterisk is. Shown by <c>GET /api/system/status</c>.</summary>
public enum AmiConnectionState
{
    /// <summary>Created, not started.</summary>
    NotStarted,

    /// <summary>Opening the TCP connection and waiting for the banner.</summary>
    Connecting,

    /// <summary>Banner received; Challenge/Login in flight.</summary>
    Authenticating,

    /// <summary>Logged in; actions and events flow.</summary>
    Connected,

    /// <summary>The last attempt or connection failed (see LastError); waiting out the back-off before the next attempt.</summary>
    Reconnecting,

    /// <summary>Disposed; no further attempts.</summary>
    Stopped,
}

/// <summary>A snapshot of the connection: state, since when, the last failure and the AMI version from the banner.</summary>
/// <param name="LastError">The most recent failure, kept after recovering so operators can see why it dropped.</param>
/// <param name="Reconnects">How many times a logged-in session was lost and re-established.</param>
public sealed record AmiConnectionStatus(
    AmiConnectionState State,
    DateTimeOffset Since,
    Exception? LastError,
    DateTimeOffset? LastErrorAt,
    string? AmiVersion,
    long Reconnects);
