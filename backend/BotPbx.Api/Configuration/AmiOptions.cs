namespace BotPbx.Api.Configuration;

/// <summary>Asterisk Manager Interface (manager.conf).</summary>
public sealed class AmiOptions
{
    [EnvironmentVariable("AMI_HOST")]
    public string Host { get; set; } = "127.0.0.1";

    [EnvironmentVariable("AMI_PORT")]
    public int Port { get; set; } = 5038;

    [EnvironmentVariable("AMI_USER")]
    public string? User { get; set; }

    /// <summary>Never logged, never returned by the API.</summary>
    [EnvironmentVariable("AMI_SECRET")]
    public string? Secret { get; set; }

    /// <summary>How long an AMI action may go unanswered before it fails (503 <c>asterisk_unavailable</c> in the API).</summary>
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(User) && !string.IsNullOrWhiteSpace(Secret);
}
