using System.Buffers;

namespace BotPbx.Telephony.Rendering;

/// <summary>Thrown when a value that was not validated reaches the renderer. It means a bug, never user error.</summary>
public sealed class UnsafeConfigValueException(string message) : Exception(message);

/// <summary>
/// The characters Asterisk's config parser treats as syntax. A value may hold none of them except an escaped <c>\;</c>
/// (pjsip URI parameters, e.g. <c>sip:proxy\;lr</c>); dialplan tokens are stricter still.
/// </summary>
internal static class ConfSafety
{
    private static readonly SearchValues<char> SectionChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@+*#/:");

    public static void EnsureSectionName(string name)
    {
        if (name.Length is 0 or > 80 || name.AsSpan().ContainsAnyExcept(SectionChars))
            throw new UnsafeConfigValueException($"unsafe section name '{Printable(name)}'");
    }

    public static void EnsureKey(string key)
    {
        if (key.Length is 0 or > 64 || key.AsSpan().ContainsAnyExcept(SectionChars))
            throw new UnsafeConfigValueException($"unsafe key '{Printable(key)}'");
    }

    public static void EnsureValue(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\r' or '\n' or '\0' || c > '~' || (c < ' ' && c != '\t'))
                throw new UnsafeConfigValueException($"unsafe character in value '{Printable(value)}'");
            if (c == ';' && (i == 0 || value[i - 1] != '\\'))
                throw new UnsafeConfigValueException($"unescaped ';' in value '{Printable(value)}'");
        }
        if (value.StartsWith('#') || value.StartsWith('['))
            throw new UnsafeConfigValueException($"value looks like a directive '{Printable(value)}'");
    }

    public static void EnsureComment(string text)
    {
        if (text.AsSpan().ContainsAny('\r', '\n'))
            throw new UnsafeConfigValueException("line break in comment");
    }

    /// <summary>A data value placed inside a dialplan application's arguments: no spaces, commas, parentheses, $, quotes.</summary>
    public static string Token(string value)
    {
        if (value.Length is 0 or > 256 || value.AsSpan().ContainsAnyExcept(TokenChars))
            throw new UnsafeConfigValueException($"unsafe dialplan token '{Printable(value)}'");
        return value;
    }

    private static string Printable(string value)
    {
        var shown = value.Length > 40 ? value[..40] + "…" : value;
        return shown.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
