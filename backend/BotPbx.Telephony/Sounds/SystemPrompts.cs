namespace BotPbx.Telephony.Sounds;

/// <summary>A sound BotPBX plays that no stock sounds package provides, with the words BotPBX speaks into it.</summary>
public sealed record SystemPrompt(string Name, string Text);

/// <summary>
/// The sounds BotPBX makes itself (flite, then sox to 8 kHz mono 16-bit WAV) into <c>ASTERISK_SOUNDS/botpbx/system</c>,
/// at start-up and before every apply (<c>SystemPromptMaker</c> in BotPbx.Ivr). The dialplan and the IVR interpreter
/// play them by absolute path (<see cref="PathOf"/>), so they are found whatever Asterisk's own sounds folder or
/// language is.
/// <para>Every other sound the dialplan renderers and the IVR play is a stock prompt of Debian's
/// <c>asterisk-core-sounds-en</c> (1.6.1): do-not-disturb, activated, de-activated, call-fwd-unconditional,
/// call-fwd-on-busy, call-fwd-no-ans, agent-loginok, agent-loggedoff, ss-noservice, conf-getpin, conf-invalidpin, and
/// the digits SAY DIGITS uses. Asterisk's <c>an-error-has-occured</c> is not in that package, which is why
/// <see cref="Error"/> exists (issue 8).</para>
/// </summary>
public static class SystemPrompts
{
    /// <summary>The folder under the sounds folder: <c>&lt;ASTERISK_SOUNDS&gt;/botpbx/system</c>.</summary>
    private static readonly string[] FolderUnderSounds = ["botpbx", "system"];

    /// <summary>Where they live with Debian's default sounds folder; the service derives the real one from ASTERISK_SOUNDS.</summary>
    public const string DefaultDirectory = "/var/lib/asterisk/sounds/botpbx/system";

    /// <summary>
    /// Played when a call cannot go on: an IVR flow that fails or is not published, an unknown AI agent. Worded so it
    /// also fits when the caller is then sent on to <c>Ivr:FallbackExtension</c>.
    /// </summary>
    public static SystemPrompt Error { get; } = new("error", "We are sorry. An error has occurred.");

    public static IReadOnlyList<SystemPrompt> All { get; } = [Error];

    /// <summary>The folder for the sounds folder <paramref name="soundsDirectory"/>.</summary>
    public static string DirectoryFor(string soundsDirectory) =>
        Path.Combine([soundsDirectory.TrimEnd('/'), .. FolderUnderSounds]);

    /// <summary>The file to play, without extension (what <c>Playback()</c> and <c>STREAM FILE</c> take).</summary>
    public static string PathOf(string directory, SystemPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return Path.Combine(directory, prompt.Name);
    }
}
