using System.Text.RegularExpressions;

namespace BotPbx.Telephony.Validation;

/// <summary>
/// A strict allow-list for one kind of value that ends up in an Asterisk config file or the dialplan.
/// Anything outside the pattern (newline, <c>;</c>, <c>[</c>, <c>,</c>, <c>)</c>, <c>${</c>, non-ASCII…) is refused,
/// because Asterisk would read it as syntax: a comment, a new section, an argument separator or a function call.
/// </summary>
public sealed class TextRule(string name, Regex pattern, int maxLength, string message)
{
    public string Name { get; } = name;
    public int MaxLength { get; } = maxLength;

    public bool IsMatch(string? value) =>
        value is not null && value.Length > 0 && value.Length <= MaxLength && pattern.IsMatch(value);

    /// <summary>Adds at most one message for <paramref name="field"/>; empty values pass unless <paramref name="required"/>.</summary>
    public void Check(ValidationErrors errors, string field, string? value, bool required = true)
    {
        if (value is null)
        {
            // JSON null: optional fields take "" for "none", so null is never stored (the renderer relies on it).
            errors.Add(field, required ? "is required" : "must not be null (use \"\" for none)");
            return;
        }
        if (value.Length == 0)
        {
            if (required) errors.Add(field, "is required");
            return;
        }
        if (value.Length > MaxLength)
        {
            errors.Add(field, $"must be at most {MaxLength} characters");
            return;
        }
        if (!pattern.IsMatch(value)) errors.Add(field, message);
    }
}

public static class Present
{
    /// <summary>A nested object or list sent as JSON null: reported, and the caller skips its contents.</summary>
    public static bool Check<T>(ValidationErrors errors, string field, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] T? value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not null) return true;
        errors.Add(field, "must not be null");
        return false;
    }
}

public static class NumberRule
{
    public static void Check(ValidationErrors errors, string field, int value, int min, int max)
    {
        if (value < min || value > max) errors.Add(field, $"must be between {min} and {max}");
    }
}
