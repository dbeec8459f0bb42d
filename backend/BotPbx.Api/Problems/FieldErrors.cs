using System.Globalization;

namespace BotPbx.Api.Problems;

/// <summary>
/// Collects per-field messages while validating a request, then answers 422 with all of them at once.
/// Field keys are the camelCase JSON paths the client sent: <c>email</c>, <c>members[0].penalty</c>.
/// <code>
/// var errors = new FieldErrors();
/// errors.Required("name", request.Name);
/// errors.MaxLength("name", request.Name, 100);
/// errors.ThrowIfAny();               // or: if (errors.Any) return errors.ToProblem();
/// </code>
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
        return this;
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>Adds the message when the condition does not hold; returns the condition.</summary>
    public bool Check(bool condition, string field, string message)
    {
        if (!condition) Add(field, message);
        return condition;
    }

    public bool Required(string field, string? value) =>
        Check(!string.IsNullOrWhiteSpace(value), field, "is required");

    public bool MaxLength(string field, string? value, int max) =>
        Check(value is null || value.Length <= max, field,
            string.Create(CultureInfo.InvariantCulture, $"must be at most {max} characters"));

    public bool Range(string field, int value, int min, int max) =>
        Check(value >= min && value <= max, field,
            string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}"));

    /// <summary>Rejects control characters (newlines, NUL…) that have no place in a name and can break config files.</summary>
    public bool NoControlCharacters(string field, string? value) =>
        Check(value is null || !value.Any(char.IsControl), field, "must not contain control characters");

    public static string Item(string collection, int index, string field) =>
        string.Create(CultureInfo.InvariantCulture, $"{collection}[{index}].{field}");

    public void ThrowIfAny()
    {
        if (Any) throw new ValidationFailedException(ToDictionary());
    }

    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ToProblem() => ApiProblems.Validation(ToDictionary());
}
