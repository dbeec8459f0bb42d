using System.Text.RegularExpressions;

namespace BotPbx.Ivr.Runtime;

/// <summary>
/// <c>${VAR}</c> substitution. <c>${CALLERID(num)}</c> and <c>${CALLERID(name)}</c> are accepted too, because the product
/// manual writes them that way (Asterisk's function syntax); they read CALLERID and CALLERID_NAME. Unknown names become
/// empty text, as in Asterisk.
/// </summary>
public static partial class Template
{
    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:\((num|name)\))?\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Placeholder();

    public static string Render(string? template, IvrVariables variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (string.IsNullOrEmpty(template) || !template.Contains("${", StringComparison.Ordinal)) return template ?? string.Empty;
        return Placeholder().Replace(template, match => variables.Get(NameOf(match)));
    }

    /// <summary>Renders for a URL: every substituted value is percent-encoded, so a caller's input cannot change the URL's shape.</summary>
    public static string RenderUrl(string template, IvrVariables variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return Placeholder().Replace(template, match => Uri.EscapeDataString(variables.Get(NameOf(match))));
    }

    /// <summary>
    /// Renders a request body: when it is JSON (starts with { or [) each value is JSON-escaped, so a caller's input
    /// cannot add fields; otherwise plain substitution.
    /// </summary>
    public static string RenderJson(string template, IvrVariables variables)
    {
        ArgumentNullException.ThrowIfNull(template);
        var trimmed = template.TrimStart();
        if (!trimmed.StartsWith('{') && !trimmed.StartsWith('[')) return Render(template, variables);
        return Placeholder().Replace(template, match =>
            System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(variables.Get(NameOf(match))));
    }

    /// <summary>The variable names a template reads, for validation and documentation.</summary>
    public static IEnumerable<string> Names(string? template) =>
        string.IsNullOrEmpty(template) ? [] : Placeholder().Matches(template).Select(NameOf);

    private static string NameOf(Match match) =>
        match.Groups[1].Value == "CALLERID" && match.Groups[2].Value == "name" ? "CALLERID_NAME" : match.Groups[1].Value;
}
