namespace BotPbx.Asterisk.Ari;

/// <summary>Asterisk sent something the ARI protocol does not allow (an event that is not a JSON object with a
/// <c>type</c>, a binary frame, an oversized message). The event socket closes that connection and reconnects.</summary>
public sealed class AriProtocolException : Exception
{
    public AriProtocolException() { }

    public AriProtocolException(string message) : base(message) { }

    public AriProtocolException(string message, Exception innerException) : base(message, innerException) { }
}
