namespace BotPbx.Asterisk.Agi;

/// <summary>Runs one FastAGI session. The token fires when the caller hangs up, the connection ends or the server stops.</summary>
public delegate Task AgiHandler(IAgiChannel channel, CancellationToken cancellationToken);

/// <summary>
/// Picks the handler for a request by its <see cref="AgiRequest.Path"/>. Patterns are slash-separated segments:
/// literals (matched ignoring case), <c>{name}</c> for one segment, and a final <c>{*name}</c> for the rest.
/// The pattern with the most literal segments wins, so <c>ivr/test</c> beats <c>ivr/{id}</c>.
/// </summary>
public sealed class AgiRouter
{
    private readonly List<(AgiRoutePattern Pattern, AgiHandler Handler)> _routes = [];
    private readonly Lock _lock = new();

    public AgiRouter Map(string pattern, AgiHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var parsed = AgiRoutePattern.Parse(pattern);
        lock (_lock)
        {
            if (_routes.Exists(r => r.Pattern.IsSameShape(parsed)))
            {
                throw new ArgumentException($"A handler for '{pattern}' is already mapped.", nameof(pattern));
            }
            _routes.Add((parsed, handler));
            _routes.Sort((a, b) => b.Pattern.LiteralCount.CompareTo(a.Pattern.LiteralCount));
        }
        return this;
    }

    public bool TryMatch(string path, out AgiHandler handler, out IReadOnlyDictionary<string, string> routeValues)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Trim('/').Split('/');
        lock (_lock)
        {
            foreach (var (pattern, candidate) in _routes)
            {
                if (pattern.TryMatch(segments, out var values))
                {
                    handler = candidate;
                    routeValues = values;
                    return true;
                }
            }
        }
        handler = null!;
        routeValues = new Dictionary<string, string>();
        return false;
    }
}
