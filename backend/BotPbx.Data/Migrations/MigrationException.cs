namespace BotPbx.Data.Migrations;

/// <summary>The schema cannot be brought up to date; the service must not start.</summary>
public sealed class MigrationException : Exception
{
    public MigrationException() { }

    public MigrationException(string message) : base(message) { }

    public MigrationException(string message, Exception innerException) : base(message, innerException) { }
}
