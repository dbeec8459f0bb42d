namespace BotPbx.Telephony.Apply;

public sealed class ApplyOptions
{
    /// <summary>Directory the base files include (<c>ASTERISK_CONFIG_DIR</c>/botpbx); replaced as a whole on apply.</summary>
    public string ConfigDirectory { get; set; } = "/etc/asterisk/botpbx";

    /// <summary>Attempts per module while Asterisk answers that a reload is in progress.</summary>
    public int MaxReloadAttempts { get; set; } = 10;

    public TimeSpan ReloadRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Where the previous generation is kept after a swap: a sibling of <see cref="ConfigDirectory"/>.</summary>
    public string BackupDirectory => ConfigDirectory.TrimEnd('/') + ".previous";
}
