namespace BotPbx.Asterisk.Agi;

/// <summary>One parsed route such as <c>ivr/{id}</c> or <c>dialer/{*rest}</c>.</summary>
internal sealed class AgiRoutePattern
{
    private readonly Segment[] _segments;

    private AgiRoutePattern(Segment[] segments)
    {
        _segments = segments;
        LiteralCount = segments.Count(s => s.Kind == SegmentKind.Literal);
    }

    public int LiteralCount { get; }

    public static AgiRoutePattern Parse(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var parts = pattern.Trim('/').Split('/');
        var segments = new Segment[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0) throw new ArgumentException($"Route '{pattern}' has an empty segment.", nameof(pattern));
            if (part.StartsWith("{*", StringComparison.Ordinal) && part.EndsWith('}'))
            {
                if (i != parts.Length - 1) throw new ArgumentException($"In '{pattern}' a catch-all must be last.", nameof(pattern));
                segments[i] = new Segment(SegmentKind.CatchAll, Name(part[2..^1], pattern));
            }
            else if (part.StartsWith('{') && part.EndsWith('}'))
            {
                segments[i] = new Segment(SegmentKind.Parameter, Name(part[1..^1], pattern));
            }
            else if (part.AsSpan().IndexOfAny('{', '}') >= 0)
            {
                throw new ArgumentException($"Route '{pattern}' has a malformed parameter.", nameof(pattern));
            }
            else
            {
                segments[i] = new Segment(SegmentKind.Literal, part);
            }
        }
        return new AgiRoutePattern(segments);
    }

    public bool IsSameShape(AgiRoutePattern other) =>
        _segments.Length == other._segments.Length &&
        _segments.Zip(other._segments).All(p => p.First.Kind == p.Second.Kind &&
            (p.First.Kind != SegmentKind.Literal || string.Equals(p.First.Text, p.Second.Text, StringComparison.OrdinalIgnoreCase)));

    public bool TryMatch(string[] path, out IReadOnlyDictionary<string, string> values)
    {
        values = new Dictionary<string, string>();
        var captured = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            if (segment.Kind == SegmentKind.CatchAll)
            {
                captured[segment.Text] = Uri.UnescapeDataString(string.Join('/', path[i..]));
                values = captured;
                return true;
            }
            if (i >= path.Length || path[i].Length == 0) return false;
            if (segment.Kind == SegmentKind.Literal)
            {
                if (!string.Equals(segment.Text, path[i], StringComparison.OrdinalIgnoreCase)) return false;
            }
            else
            {
                captured[segment.Text] = Uri.UnescapeDataString(path[i]);
            }
        }
        if (path.Length != _segments.Length) return false;
        values = captured;
        return true;
    }

    private static string Name(string name, string pattern) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : throw new ArgumentException($"Route '{pattern}' has an invalid parameter name '{name}'.", nameof(pattern));

    private enum SegmentKind
    {
        Literal,
        Parameter,
        CatchAll,
    }

    private readonly record struct Segment(SegmentKind Kind, string Text);
}
