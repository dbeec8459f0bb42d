namespace BotPbx.Asterisk.Ari;

/// <summary>
/// A REST call got no answer within <see cref="AriOptions.RequestTimeout"/>. A <see cref="TimeoutException"/>, never an
/// <see cref="OperationCanceledException"/>: the caller's own token was not cancelled (as <c>AmiTimeoutException</c>).
/// </summary>
public sealed class AriTimeoutException : TimeoutException
{
    public AriTimeoutException() { }

    public AriTimeoutException(string message) : base(message) { }

    public AriTimeoutException(string message, Exception innerException) : base(message, innerException) { }
}
