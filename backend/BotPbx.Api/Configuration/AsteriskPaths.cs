using BotPbx.Telephony.Sounds;

namespace BotPbx.Api.Configuration;

/// <summary>
/// Every folder BotPBX shares with Asterisk, derived from the configured <see cref="AsteriskOptions"/>
/// (ASTERISK_SOUNDS, ASTERISK_SPOOL, ASTERISK_RECORDING, ASTERISK_CONFIG_DIR) in this one place, so prompts and
/// recordings land where the configured Asterisk looks. No other class has a folder default of its own.
/// </summary>
public sealed class AsteriskPaths(AsteriskOptions options)
{
    private string Sounds => options.Sounds.TrimEnd('/');

    /// <summary><c>&lt;ASTERISK_CONFIG_DIR&gt;/botpbx</c>: the generated configuration.</summary>
    public string GeneratedConfig => Path.Combine(options.ConfigDir, "botpbx");

    /// <summary><c>&lt;ASTERISK_SOUNDS&gt;/botpbx/prompts</c>: IVR text prompts synthesized and cached (PromptCache).</summary>
    public string Prompts => Path.Combine(Sounds, "botpbx", "prompts");

    /// <summary><c>&lt;ASTERISK_SOUNDS&gt;/botpbx/recordings</c>: recordings uploaded for IVR prompts.</summary>
    public string IvrRecordings => Path.Combine(Sounds, "botpbx", "recordings");

    /// <summary><c>&lt;ASTERISK_SOUNDS&gt;/botpbx/system</c>: BotPBX's own prompts (<see cref="SystemPrompts"/>).</summary>
    public string SystemSounds => SystemPrompts.DirectoryFor(Sounds);

    /// <summary>
    /// <c>&lt;parent of ASTERISK_SOUNDS&gt;/moh/botpbx</c>: hold music per class. Asterisk's own MOH folder is
    /// <c>/var/lib/asterisk/moh</c>, beside <c>sounds</c>.
    /// </summary>
    public string MohRoot => Path.Combine(Path.GetDirectoryName(Sounds) is { Length: > 0 } parent ? parent : "/var/lib/asterisk", "moh", "botpbx");

    /// <summary><c>&lt;ASTERISK_RECORDING&gt;</c>: call recordings (MixMonitor).</summary>
    public string CallRecordings => options.Recording.TrimEnd('/');

    /// <summary><c>&lt;ASTERISK_SPOOL&gt;/botpbx/ivr</c>: messages callers leave in IVR record nodes.</summary>
    public string IvrMessages => Path.Combine(options.Spool.TrimEnd('/'), "botpbx", "ivr");
}
