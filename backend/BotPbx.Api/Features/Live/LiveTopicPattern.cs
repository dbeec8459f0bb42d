namespace BotPbx.Api.Features.Live;

/// <summary>
/// A subscribe pattern of seed 003 (<c>call.*</c>, <c>extension.1001.*</c>, <c>queue.sales.*</c>): <c>*</c> stands for
/// any run of characters, dots included; matching ignores case. A pattern matches an event when it matches any of the
/// event's topics.
/// </summary>
public static class LiveTopicPattern
{
    public const int MaxLength = 100;

    /// <summary>Printable, at most <see cref="MaxLength"/> characters, and not blank.</summary>
    public static bool IsValid(string? pattern) =>
        !string.IsNullOrWhiteSpace(pattern) && pattern.Length <= MaxLength && pattern.All(c => c >= ' ' && c != '\u007f');

    public static bool Matches(string pattern, string topic)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(topic);
        return Match(pattern.AsSpan(), topic.AsSpan());
    }

    public static bool MatchesAny(IEnumerable<string> patterns, IReadOnlyList<string> topics)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(topics);
        foreach (var pattern in patterns)
        {
            for (var i = 0; i < topics.Count; i++) if (Matches(pattern, topics[i])) return true;
        }
        return false;
    }

    // Iterative glob with one backtrack point: linear in practice, no regex to compile per client.
    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (p < pattern.Length && char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(text[t]))
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
