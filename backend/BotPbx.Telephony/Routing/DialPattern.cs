namespace BotPbx.Telephony.Routing;

/// <summary>
/// Asterisk's extension pattern matching for the patterns BotPBX accepts (<see cref="Validation.Rules.DialPattern"/>:
/// no bracket classes). With a leading <c>_</c>: X = 0-9, Z = 1-9, N = 2-9 (either case), <c>.</c> = one or more
/// further characters, <c>!</c> = zero or more; anything else is literal. Without it the extension is a literal string
/// (Asterisk docs, "Pattern Matching"). Used to tell which outbound route dials a number before a call is made.
/// </summary>
public static class DialPattern
{
    private static readonly System.Buffers.SearchValues<char> PatternChars = System.Buffers.SearchValues.Create("XNZxnz.!");

    /// <summary>
    /// The extension as written into the dialplan: a value holding X, N, Z, . or ! gets the leading _ that makes Asterisk
    /// read it as a pattern (the renderer writes what this returns).
    /// </summary>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.StartsWith('_') || !value.AsSpan().ContainsAny(PatternChars) ? value : "_" + value;
    }

    /// <summary>Whether Asterisk would match <paramref name="number"/> against <paramref name="pattern"/> (normalized first).</summary>
    public static bool Matches(string pattern, string number)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(number);
        var normalized = Normalize(pattern);
        if (!normalized.StartsWith('_')) return string.Equals(normalized, number, StringComparison.Ordinal);
        var p = normalized.AsSpan(1);
        var n = number.AsSpan();
        for (var i = 0; i < p.Length; i++)
        {
            switch (p[i])
            {
                case '.':
                    return i < n.Length;
                case '!':
                    return true;
            }
            if (i >= n.Length || !MatchesOne(p[i], n[i])) return false;
        }
        return p.Length == n.Length;
    }

    private static bool MatchesOne(char pattern, char c) => char.ToUpperInvariant(pattern) switch
    {
        'X' => c is >= '0' and <= '9',
        'Z' => c is >= '1' and <= '9',
        'N' => c is >= '2' and <= '9',
        _ => pattern == c,
    };
}
