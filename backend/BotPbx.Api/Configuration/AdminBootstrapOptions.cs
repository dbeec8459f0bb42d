namespace BotPbx.Api.Configuration;

/// <summary>The first administrator, created on first start when the users table is empty.</summary>
public sealed class AdminBootstrapOptions
{
    [EnvironmentVariable("BOTPBX_ADMIN_EMAIL")]
    public string Email { get; set; } = "admin@botpbx.local";

    /// <summary>When empty, a random password is generated and printed once to the log.</summary>
    [EnvironmentVariable("BOTPBX_ADMIN_PASSWORD")]
    public string? Password { get; set; }
}
