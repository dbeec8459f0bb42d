namespace BotPbx.Asterisk.Ami;

/// <summary>How serious an <see cref="AmiLogEntry"/> is; mirrors the usual logging levels.</summary>
public enum AmiLogLevel
{
    Debug,
    Information,
    Warning,
    Error,
}

/// <summary>One diagnostic from the AMI client (a skipped message, a subscriber losing events).</summary>
public sealed record AmiLogEntry(AmiLogLevel Level, string Message);
