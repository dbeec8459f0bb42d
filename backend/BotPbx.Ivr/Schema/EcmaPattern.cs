using System.Text;

namespace BotPbx.Ivr.Schema;

/// <summary>
/// JSON Schema's <c>pattern</c> is an ECMA-262 regular expression, where <c>$</c> (without the m flag) matches only at
/// the very end of the input; the builder's ajv reads it that way. .NET's <c>$</c> also matches before a final
/// newline, so <c>^[0-9]{1,20}$</c> accepted <c>"1001\n"</c>. The schema file keeps ECMA syntax (it is shared with the
/// browser, which has no <c>\z</c>); the evaluator rewrites each end anchor to <c>\z</c> before compiling.
/// </summary>
internal static class EcmaPattern
{
    /// <summary>The same pattern with every <c>$</c> that is an anchor (not escaped, not inside <c>[…]</c>) as <c>\z</c>.</summary>
    public static string ToDotNet(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var result = new StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }
            if (inClass)
            {
                if (c == ']') inClass = false;
                result.Append(c);
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    result.Append(c);
                    // A ] right after [ or [^ is a literal member, not the end of the class.
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^') result.Append(pattern[++i]);
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']') result.Append(pattern[++i]);
                    break;
                case '$':
                    result.Append(@"\z");
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }
        return result.ToString();
    }
}
