using System.Text.RegularExpressions;

namespace BotPbx.Voice.Pipeline;

/// <summary>
/// Fills <c>{{name}}</c> in an agent's prompt and greeting with the call's variables (caller_id, caller_name, did,
/// campaign contact columns…). An unknown name becomes empty rather than staying as braces the model would read out.
/// Names are letters, digits and underscores, matched without regard to case.
/// </summary>
public static partial class PromptTemplate
{
    public static string Render(string template, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(variables);
        var lookup = new Dictionary<string, string>(variables, StringComparer.OrdinalIgnoreCase);
        return Placeholder().Replace(template, m => lookup.GetValueOrDefault(m.Groups[1].Value, ""));
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
