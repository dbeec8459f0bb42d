namespace BotPbx.Api.Database;

/// <summary>The database setting is missing or unreadable; the message is safe to log (no password).</summary>
public sealed class DatabaseConfigurationException : Exception
{
    public DatabaseConfigurationException() { }

    public DatabaseConfigurationException(string message) : base(message) { }

    public DatabaseConfigurationException(string message, Exception innerException) : base(message, innerException) { }
}
