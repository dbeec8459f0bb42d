namespace BotPbx.Api.Configuration;

/// <summary>Asterisk's folders on this machine.</summary>
public sealed class AsteriskOptions
{
    /// <summary>Asterisk's configuration folder; BotPBX writes only its own <c>botpbx/</c> subfolder.</summary>
    [EnvironmentVariable("ASTERISK_CONFIG_DIR")]
    public string ConfigDir { get; set; } = "/etc/asterisk";

    [EnvironmentVariable("ASTERISK_SPOOL")]
    public string Spool { get; set; } = "/var/spool/asterisk";

    [EnvironmentVariable("ASTERISK_SOUNDS")]
    public string Sounds { get; set; } = "/var/lib/asterisk/sounds";

    [EnvironmentVariable("ASTERISK_RECORDING")]
    public string Recording { get; set; } = "/var/spool/asterisk/recording";
}
