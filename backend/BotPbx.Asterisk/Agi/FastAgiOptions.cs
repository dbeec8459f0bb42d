using System.Net;

namespace BotPbx.Asterisk.Agi;

/// <summary>Settings of the <see cref="FastAgiServer"/>. The defaults suit Asterisk's <c>AGI(agi://127.0.0.1:4573/…)</c>.</summary>
public sealed class FastAgiOptions
{
    /// <summary>Address to listen on. Loopback by default: Asterisk runs on the same host.</summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

    /// <summary>TCP port; 4573 is FastAGI's registered port and Asterisk's default for <c>agi://</c>. 0 picks a free port.</summary>
    public int Port { get; set; } = 4573;

    /// <summary>Longest line accepted from Asterisk, in bytes. A longer line is a protocol error that closes the connection.</summary>
    public int MaxLineLength { get; set; } = 8 * 1024;

    /// <summary>Most <c>agi_*</c> lines accepted in the environment block (22 fixed ones plus one per argument).</summary>
    public int MaxEnvironmentLines { get; set; } = 150;

    /// <summary>How long Asterisk may take to send the whole environment block; guards against slow or silent peers.</summary>
    public TimeSpan EnvironmentTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Default time a command may wait for its reply. Commands that legitimately last as long as the call
    /// (EXEC Dial, Queue, RECORD FILE…) are sent by the typed helpers without a timeout; a timeout closes the session,
    /// because after it nobody knows which reply belongs to which command.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The bound on commands sent without a timeout (EXEC Dial, Queue, RECORD FILE…, which last as long as the call):
    /// with no reply for this long the session is closed, so a channel Asterisk forgot cannot hold a session slot
    /// forever (issue 9). Generous on purpose: longer than any call a small business makes; lower it if calls are capped.
    /// </summary>
    public TimeSpan LongCommandTimeout { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Sessions served at once; a connection above the limit is closed at once, so Asterisk sets AGISTATUS=FAILURE and continues the dialplan.</summary>
    public int MaxConcurrentSessions { get; set; } = 1000;

    /// <summary>After the handler ends the server half-closes and waits this long for Asterisk's final <c>HANGUP</c> and close.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Receives the server's diagnostics (the library takes no logging dependency). Must not throw.</summary>
    public Action<FastAgiLogEntry>? Log { get; set; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(BindAddress);
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, IPEndPoint.MaxPort);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineLength, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEnvironmentLines, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentSessions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(EnvironmentTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CommandTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(LongCommandTimeout, CommandTimeout);
        ArgumentOutOfRangeException.ThrowIfLessThan(CloseTimeout, TimeSpan.Zero);
    }
}

/// <summary>How serious a <see cref="FastAgiLogEntry"/> is; mirrors the usual logging levels.</summary>
public enum FastAgiLogLevel
{
    Debug,
    Information,
    Warning,
    Error,
}

/// <summary>One diagnostic from the FastAGI server: what happened, on which connection, and why.</summary>
public sealed record FastAgiLogEntry(FastAgiLogLevel Level, string Message, EndPoint? Remote, Exception? Exception = null);
