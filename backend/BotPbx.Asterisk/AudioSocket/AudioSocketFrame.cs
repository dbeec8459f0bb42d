namespace BotPbx.Asterisk.AudioSocket;

/// <summary>One frame received from Asterisk: audio, a DTMF digit or an error. The payload is the frame's own copy.</summary>
public readonly record struct AudioSocketFrame(AudioSocketKind Kind, ReadOnlyMemory<byte> Payload)
{
    public bool IsAudio => AudioSocketFormats.IsAudio(Kind);

    /// <summary>The digit of a DTMF frame (<c>03 00 01 31</c> is '1'); null for other kinds.</summary>
    public char? Digit => Kind == AudioSocketKind.Dtmf ? (char)Payload.Span[0] : null;
}

/// <summary>Why a session ended.</summary>
public enum AudioSocketCloseReason
{
    /// <summary>Still open.</summary>
    None,

    /// <summary>Asterisk closed the connection: the caller hung up or the externalMedia channel was deleted (no hang-up frame is sent).</summary>
    PeerClosed,

    /// <summary>Asterisk sent a hang-up frame.</summary>
    PeerHangup,

    /// <summary>The server sent the hang-up frame; Asterisk closes and continues the dialplan after AudioSocket().</summary>
    ServerHangup,

    /// <summary>Asterisk sent bytes that are not AudioSocket frames.</summary>
    ProtocolError,

    /// <summary>The socket failed.</summary>
    ConnectionFailed,

    /// <summary>No frame from Asterisk for <see cref="AudioSocketOptions.IdleTimeout"/>: the call is presumed gone.</summary>
    IdleTimeout,
}
