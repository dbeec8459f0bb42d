using BotPbx.Telephony.Routing;

namespace BotPbx.Ivr.Tests.Dialplan;

/// <summary>
/// Just enough of extensions.conf to answer "would <c>Goto(context,exten,1)</c> land somewhere": the <c>[context]</c>
/// headers, each <c>exten =&gt; X,</c> (X a literal or an _ pattern; a <c>/callerid</c> suffix is dropped) and
/// <c>include =&gt;</c> lines, searched the way Asterisk searches them: the context's own extensions, then its includes.
/// </summary>
public sealed class RenderedDialplan
{
    private readonly Dictionary<string, (List<string> Extensions, List<string> Includes)> _contexts = new(StringComparer.Ordinal);

    public RenderedDialplan(string extensionsConf)
    {
        ArgumentNullException.ThrowIfNull(extensionsConf);
        (List<string> Extensions, List<string> Includes)? current = null;
        foreach (var raw in extensionsConf.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = ([], []);
                _contexts.Add(line[1..^1], current.Value);
            }
            else if (current is { } context && line.StartsWith("exten => ", StringComparison.Ordinal))
            {
                var exten = line["exten => ".Length..line.IndexOf(',', StringComparison.Ordinal)];
                var slash = exten.IndexOf('/', StringComparison.Ordinal);
                context.Extensions.Add(slash < 0 ? exten : exten[..slash]);
            }
            else if (current is { } including && line.StartsWith("include => ", StringComparison.Ordinal))
            {
                including.Includes.Add(line["include => ".Length..]);
            }
        }
    }

    public IReadOnlyCollection<string> Contexts => _contexts.Keys;

    /// <summary>The context that takes <paramref name="exten"/> when a call is sent to <paramref name="context"/>, or null.</summary>
    public string? Resolve(string context, string exten, int depth = 0)
    {
        if (depth > 8 || !_contexts.TryGetValue(context, out var found)) return null;
        if (found.Extensions.Any(e => e == exten || (e.StartsWith('_') && DialPattern.Matches(e, exten)))) return context;
        return found.Includes.Select(i => Resolve(i, exten, depth + 1)).FirstOrDefault(c => c is not null);
    }
}
