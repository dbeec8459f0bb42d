namespace BotPbx.Api.Configuration;

/// <summary>The FastAGI server the dialplan reaches with <c>AGI(agi://host:port/…)</c>.</summary>
public sealed class AgiOptions
{
    [EnvironmentVariable("AGI_HOST")]
    public string Host { get; set; } = "127.0.0.1";

    [EnvironmentVariable("AGI_PORT")]
    public int Port { get; set; } = 4573;

    /// <summary>Off only where another process serves FastAGI; the dialplan's IVR hand-off needs it.</summary>
    [EnvironmentVariable("AGI_ENABLED")]
    public bool Enabled { get; set; } = true;
}
