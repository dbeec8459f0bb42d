namespace BotPbx.Asterisk.Agi;

/// <summary>Asterisk (or something pretending to be it) sent bytes that are not FastAGI; the connection is closed.</summary>
public sealed class AgiProtocolException : Exception
{
    public AgiProtocolException() { }

    public AgiProtocolException(string message) : base(message) { }

    public AgiProtocolException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The connection to Asterisk ended (or was closed after an error) before the command got its reply.</summary>
public sealed class AgiConnectionClosedException : IOException
{
    public AgiConnectionClosedException() { }

    public AgiConnectionClosedException(string message) : base(message) { }

    public AgiConnectionClosedException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>A command got no reply within its timeout. The session is closed, since later replies could no longer be matched.</summary>
public sealed class AgiCommandTimeoutException : TimeoutException
{
    public AgiCommandTimeoutException() { }

    public AgiCommandTimeoutException(string message) : base(message) { }

    public AgiCommandTimeoutException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>Asterisk answered a typed command with an error status (510, 511, 520) or a result the command does not allow.</summary>
public class AgiCommandException : Exception
{
    public AgiCommandException() { }

    public AgiCommandException(string message) : base(message) { }

    public AgiCommandException(string message, Exception innerException) : base(message, innerException) { }

    public AgiCommandException(string command, AgiReply reply)
        : base($"'{FirstWord(command)}…' was answered with {reply.Status}: {reply.Summary}")
    {
        Command = command;
        Reply = reply;
    }

    /// <summary>The command line that failed (it may hold caller data, so it is not in <see cref="Exception.Message"/>).</summary>
    public string? Command { get; }

    public AgiReply? Reply { get; }

    private static string FirstWord(string command)
    {
        var space = command.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? command : command[..space];
    }
}

/// <summary>511: the channel is already hung up, so Asterisk refuses commands that need it (fixture caller-hangs-up-during-stream).</summary>
public sealed class AgiDeadChannelException : AgiCommandException
{
    public AgiDeadChannelException() { }

    public AgiDeadChannelException(string message) : base(message) { }

    public AgiDeadChannelException(string message, Exception innerException) : base(message, innerException) { }

    public AgiDeadChannelException(string command, AgiReply reply) : base(command, reply) { }
}

/// <summary>EXEC of an application Asterisk does not have (module not loaded): <c>200 result=-2</c>.</summary>
public sealed class AgiApplicationNotFoundException : AgiCommandException
{
    public AgiApplicationNotFoundException() { }

    public AgiApplicationNotFoundException(string message) : base(message) { }

    public AgiApplicationNotFoundException(string message, Exception innerException) : base(message, innerException) { }

    public AgiApplicationNotFoundException(string command, AgiReply reply) : base(command, reply) { }
}
