namespace BotPbx.Asterisk.Agi;

/// <summary>The bytes FastAGI's framing is made of. Asterisk ends every line with LF only; CR LF is accepted too.</summary>
internal static class AgiBytes
{
    public const byte LineFeed = (byte)'\n';
    public const byte CarriageReturn = (byte)'\r';
    public const byte Space = (byte)' ';
    public const byte Colon = (byte)':';
    public const byte Hyphen = (byte)'-';
    public const byte Quote = (byte)'"';
    public const byte Backslash = (byte)'\\';

    /// <summary>The unprompted line Asterisk sends when the channel hangs up or the session ends (AGISIGHUP=yes).</summary>
    public static ReadOnlySpan<byte> Hangup => "HANGUP"u8;

    public static ReadOnlySpan<byte> ResultPrefix => "result="u8;

    public static ReadOnlySpan<byte> EndPositionPrefix => "endpos="u8;

    public static ReadOnlySpan<byte> EnvironmentKeyPrefix => "agi_"u8;
}
