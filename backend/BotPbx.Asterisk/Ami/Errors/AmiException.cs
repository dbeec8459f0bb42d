namespace BotPbx.Asterisk.Ami;

/// <summary>
/// Base of every error the AMI client raises, except timeouts (<see cref="AmiTimeoutException"/>).
/// <see cref="IsTransient"/> tells the caller whether trying again later can succeed without anyone changing anything.
/// </summary>
public abstract class AmiException : Exception
{
    protected AmiException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }

    /// <summary>True when the failure came from the transport (socket lost, reconnecting): a retry may succeed.</summary>
    public abstract bool IsTransient { get; }
}

/// <summary>
/// Transport family: the socket died, Asterisk closed the connection, the client is not connected (yet), or the
/// peer sent bytes that are not AMI. Always transient: the client reconnects by itself.
/// </summary>
public sealed class AmiConnectionException : AmiException
{
    public AmiConnectionException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }

    public override bool IsTransient => true;
}

/// <summary>
/// Asterisk refused the Username/Secret (or MD5 key). Not transient: manager.conf or the options must change.
/// The client keeps retrying at the maximum back-off so a corrected manager.conf is picked up without a restart.
/// </summary>
public sealed class AmiAuthenticationException : AmiException
{
    public AmiAuthenticationException(string message) : base(message)
    {
    }

    public override bool IsTransient => false;
}
