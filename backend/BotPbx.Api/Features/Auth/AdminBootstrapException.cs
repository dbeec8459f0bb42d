namespace BotPbx.Api.Features.Auth;

/// <summary>The first administrator cannot be created from the configured values; the message says which.</summary>
public sealed class AdminBootstrapException : Exception
{
    public AdminBootstrapException() { }

    public AdminBootstrapException(string message) : base(message) { }

    public AdminBootstrapException(string message, Exception innerException) : base(message, innerException) { }
}
