namespace BotPbx.Asterisk.AudioSocket;

/// <summary>The peer sent something that is not an AudioSocket frame (unknown kind, bad length); its connection is closed.</summary>
public sealed class AudioSocketProtocolException : Exception
{
    public AudioSocketProtocolException() { }

    public AudioSocketProtocolException(string message) : base(message) { }

    public AudioSocketProtocolException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The session is over (the caller hung up, the server hung up, or the connection failed); nothing more can be sent.</summary>
public sealed class AudioSocketClosedException : IOException
{
    public AudioSocketClosedException() { }

    public AudioSocketClosedException(string message) : base(message) { }

    public AudioSocketClosedException(string message, Exception? innerException) : base(message, innerException) { }
}
