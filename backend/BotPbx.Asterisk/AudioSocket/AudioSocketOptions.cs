using System.Net;

namespace BotPbx.Asterisk.AudioSocket;

/// <summary>Settings of the <see cref="AudioSocketServer"/>; the defaults match <c>AudioSocket(uuid,127.0.0.1:9092)</c>.</summary>
public sealed class AudioSocketOptions
{
    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 picks a free one.</summary>
    public int Port { get; set; } = 9092;

    /// <summary>
    /// Largest payload accepted; a bigger frame is a protocol error that closes the connection. 20 ms at 192 kHz is
    /// 7680 bytes, so the default leaves room for longer packetisation.
    /// </summary>
    public int MaxPayloadLength { get; set; } = 16 * 1024;

    /// <summary>How long Asterisk may take to send the UUID frame after connecting.</summary>
    public TimeSpan UuidTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxConcurrentSessions { get; set; } = 1000;

    /// <summary>
    /// After the UUID frame, the longest time without any frame from Asterisk before the connection is closed (issue 9).
    /// A live call sends audio every 20 ms even in silence, so a minute of nothing means a peer that is gone without a
    /// FIN; only that connection is closed. <see cref="Timeout.InfiniteTimeSpan"/> disables the check.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The kind of the audio the server sends. <c>AudioSocket()</c> carries 8 kHz (0x10); ARI externalMedia the format it was created with.</summary>
    public AudioSocketKind OutputKind { get; set; } = AudioSocketKind.Slin8;

    /// <summary>Audio per outgoing frame and the send clock's period. Asterisk sends 20 ms frames.</summary>
    public TimeSpan FrameDuration { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// After a stall (GC pause, CPU starvation) the send clock catches up by sending up to this many frames per period
    /// beyond the one due, until it is back on its grid; no slot is skipped, so a backlog always drains
    /// (see AudioSocketSendClock for why this suits both an AI agent's speech and an echo).
    /// </summary>
    public int MaxCatchUpFrames { get; set; } = 2;

    /// <summary>
    /// The longest gap in outgoing audio that is caught up when audio resumes; a longer one is a pause (the agent
    /// stopped talking) and the next audio starts a fresh grid instead of being sent in a burst.
    /// </summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How much audio may wait in a session's outgoing queue before <see cref="IAudioSocketSession.SendAudioAsync"/> waits.</summary>
    public TimeSpan MaxQueuedAudio { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Incoming frames kept for a slow reader; beyond this the oldest are dropped (counted in <see cref="IAudioSocketSession.IncomingDropped"/>).</summary>
    public int IncomingCapacity { get; set; } = 500;

    /// <summary>After the server's hang-up frame, how long Asterisk has to close before the socket is closed anyway.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The clock the send pacing runs on.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Diagnostics (the library takes no logging dependency). Must not throw.</summary>
    public Action<AudioSocketLogEntry>? Log { get; set; }

    /// <summary>
    /// Called after each paced audio frame leaves, with how late it left against the ideal frame grid (for metrics and
    /// the benchmark). Runs on the send path: keep it cheap. Must not throw.
    /// </summary>
    public Action<IAudioSocketSession, TimeSpan>? AudioFrameSent { get; set; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(BindAddress);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, IPEndPoint.MaxPort);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPayloadLength, AudioSocketFrameParser.UuidLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPayloadLength, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(UuidTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentSessions, 1);
        if (IdleTimeout != Timeout.InfiniteTimeSpan) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdleTimeout, TimeSpan.Zero);
        if (!AudioSocketFormats.IsAudio(OutputKind)) throw new ArgumentOutOfRangeException(nameof(OutputKind), OutputKind, "Not an audio kind.");
        ArgumentOutOfRangeException.ThrowIfLessThan(FrameDuration, TimeSpan.FromMilliseconds(10));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(AudioSocketFormats.BytesPer(OutputKind, FrameDuration), MaxPayloadLength);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxCatchUpFrames);
        ArgumentOutOfRangeException.ThrowIfLessThan(CatchUpWindow, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueuedAudio, FrameDuration);
        ArgumentOutOfRangeException.ThrowIfLessThan(IncomingCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(CloseTimeout, TimeSpan.Zero);
    }
}

public enum AudioSocketLogLevel
{
    Debug,
    Information,
    Warning,
    Error,
}

/// <summary>One diagnostic from the AudioSocket server; <see cref="Session"/> is empty before the UUID frame arrived.</summary>
public sealed record AudioSocketLogEntry(AudioSocketLogLevel Level, string Message, Guid Session, EndPoint? Remote, Exception? Exception = null);
