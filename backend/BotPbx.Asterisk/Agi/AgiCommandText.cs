using System.Globalization;
using System.Text;

namespace BotPbx.Asterisk.Agi;

/// <summary>
/// Builds command lines that Asterisk's argument splitter (res_agi.c <c>parse_args</c>) reads back exactly: words split
/// on spaces unless inside double quotes, and a backslash makes the next character literal. So every value is sent as
/// one quoted word with <c>\</c> and <c>"</c> escaped: <c>SET VARIABLE X "a \"quoted\" value; with, commas"</c>
/// (fixture fastagi-sip-601-env-and-commands). A line end would start a new command, so CR, LF and NUL are refused.
/// </summary>
public static class AgiCommandText
{
    /// <summary>Asterisk reads a command into a 2048-byte buffer (res_agi.c AGI_BUF_LEN), line end included.</summary>
    public const int MaxCommandBytes = 2047;

    /// <summary>One value as a single quoted argument. Throws <see cref="ArgumentException"/> for CR, LF or NUL.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        RejectLineBreaks(value, nameof(value));
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') text.Append('\\');
            text.Append(c);
        }
        return text.Append('"').ToString();
    }

    /// <summary>A number as Asterisk expects it: invariant digits, never a culture's separators.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Checks a bare word (a command verb, a variable or application name): no quoting is applied to it, so it may
    /// not hold spaces, quotes, backslashes or line breaks.
    /// </summary>
    public static string Word(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, parameterName);
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\\')
            {
                throw new ArgumentException($"'{value}' must be a single word without quotes or backslashes.", parameterName);
            }
        }
        return value;
    }

    /// <summary>Encodes a whole command line with its LF, after checking it for line breaks and Asterisk's length limit.</summary>
    public static byte[] Encode(string command)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        RejectLineBreaks(command, nameof(command));
        var length = Encoding.UTF8.GetByteCount(command);
        if (length > MaxCommandBytes - 1)
        {
            throw new ArgumentException(
                $"The command is {length} bytes; Asterisk reads at most {MaxCommandBytes - 1} bytes per command line.", nameof(command));
        }
        var bytes = new byte[length + 1];
        Encoding.UTF8.GetBytes(command, bytes);
        bytes[^1] = AgiBytes.LineFeed;
        return bytes;
    }

    private static void RejectLineBreaks(string value, string parameterName)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException("A line break or NUL would end the AGI command early; it is not allowed here.", parameterName);
        }
    }
}
