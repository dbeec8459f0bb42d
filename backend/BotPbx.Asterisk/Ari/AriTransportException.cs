namespace BotPbx.Asterisk.Ari;

/// <summary>The request never got a usable answer: connection refused or reset, TLS failure, or a body that is not
/// the JSON ARI documents. Usually transient; what Asterisk itself refused is an <see cref="AriException"/>.</summary>
public sealed class AriTransportException : Exception
{
    public AriTransportException() { }

    public AriTransportException(string message) : base(message) { }

    public AriTransportException(string message, Exception innerException) : base(message, innerException) { }
}
