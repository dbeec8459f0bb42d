using System.Globalization;
using System.Text;

namespace BotPbx.Asterisk.Ari;

/// <summary>Builds a request path relative to the ARI root. Every segment and every query name and value goes
/// through <see cref="Uri.EscapeDataString(string)"/>: a channel id such as <c>x/../../asterisk</c> or a variable
/// name with <c>&amp;</c> can never change the resource or add a parameter. Asterisk's HTTP server decodes both
/// before use, so escaped values arrive intact (fixture ari-originate-local-rest: <c>callerId=Fixture%20%3C555%3E</c>).</summary>
internal sealed class AriPath
{
    private readonly StringBuilder text = new();
    private bool hasQuery;

    private AriPath() { }

    public static AriPath Of(params string[] segments)
    {
        var path = new AriPath();
        foreach (var segment in segments)
        {
            ArgumentException.ThrowIfNullOrEmpty(segment);
            // "." and ".." survive escaping (dots are unreserved) and would be resolved as dot-segments by Uri,
            // walking out of the resource: no Asterisk id looks like that, so refuse them.
            if (segment is "." or "..")
                throw new ArgumentException($"'{segment}' is not a valid ARI id.", nameof(segments));
            if (path.text.Length > 0)
                path.text.Append('/');
            path.text.Append(Uri.EscapeDataString(segment));
        }
        return path;
    }

    /// <summary>Adds <c>name=value</c>; a null value adds nothing (ARI then uses its default).</summary>
    public AriPath Query(string name, string? value)
    {
        if (value is null)
            return this;
        text.Append(hasQuery ? '&' : '?').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        hasQuery = true;
        return this;
    }

    public AriPath Query(string name, int? value) =>
        Query(name, value?.ToString(CultureInfo.InvariantCulture));

    public AriPath Query(string name, long? value) =>
        Query(name, value?.ToString(CultureInfo.InvariantCulture));

    public AriPath Query(string name, bool? value) =>
        Query(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary>ARI's "allowMultiple" parameters take one comma-separated value (Asterisk splits it after
    /// decoding), so an item that itself contains a comma would silently become two.</summary>
    public AriPath QueryList(string name, IReadOnlyCollection<string>? values)
    {
        if (values is null || values.Count == 0)
            return this;
        foreach (var value in values)
        {
            if (string.IsNullOrEmpty(value) || value.Contains(',', StringComparison.Ordinal))
                throw new ArgumentException($"'{value}' cannot be one item of the list parameter '{name}'.", name);
        }
        return Query(name, string.Join(',', values));
    }

    public override string ToString() => text.ToString();
}
