namespace BotPbx.Asterisk.Ami;

/// <summary>
/// The peer sent bytes that are not AMI (no banner, a line without a colon, a message larger than the configured
/// maximum…). The connection that received them is broken and reconnected; pending actions fail with an
/// <see cref="AmiConnectionException"/> whose inner exception is this one.
/// </summary>
public sealed class AmiProtocolException : AmiException
{
    public AmiProtocolException(string message) : base(message)
    {
    }

    public override bool IsTransient => true;
}
