namespace BotPbx.Api.Configuration;

/// <summary>Asterisk REST Interface (ari.conf, http.conf).</summary>
public sealed class AriOptions
{
    [EnvironmentVariable("ARI_URL")]
    public string Url { get; set; } = "http://127.0.0.1:8088/ari";

    [EnvironmentVariable("ARI_USER")]
    public string? User { get; set; }

    /// <summary>Never logged, never returned by the API.</summary>
    [EnvironmentVariable("ARI_PASSWORD")]
    public string? Password { get; set; }
}
