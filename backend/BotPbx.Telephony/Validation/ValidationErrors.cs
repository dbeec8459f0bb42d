namespace BotPbx.Telephony.Validation;

/// <summary>
/// Field → messages, with camelCase keys nested like <c>members[0].penalty</c> (the API returns them in a 422).
/// <see cref="At"/> gives a view that writes under a prefix into the same map.
/// </summary>
public sealed class ValidationErrors
{
    private readonly SortedDictionary<string, List<string>> _errors;
    private readonly string _prefix;

    public ValidationErrors() : this(new SortedDictionary<string, List<string>>(StringComparer.Ordinal), "")
    {
    }

    private ValidationErrors(SortedDictionary<string, List<string>> errors, string prefix)
    {
        _errors = errors;
        _prefix = prefix;
    }

    public bool IsValid => _errors.Count == 0;

    public IEnumerable<string> Fields => _errors.Keys;

    public ValidationErrors At(string field) => new(_errors, Join(_prefix, field));

    public ValidationErrors At(string field, int index) =>
        new(_errors, Join(_prefix, field) + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]");

    public void Add(string field, string message)
    {
        var key = Join(_prefix, field);
        if (!_errors.TryGetValue(key, out var list)) _errors[key] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    /// <summary>An error on the object this view points at (the prefix itself).</summary>
    public void AddHere(string message) => Add("", message);

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

    public override string ToString() =>
        string.Join("; ", _errors.Select(kv => kv.Key + ": " + string.Join(", ", kv.Value)));

    private static string Join(string prefix, string field) =>
        prefix.Length == 0 ? field : field.Length == 0 ? prefix : prefix + "." + field;
}

/// <summary>Thrown when something tries to render or save a configuration that does not validate.</summary>
public sealed class PbxValidationException(ValidationErrors errors)
    : Exception("The PBX configuration is invalid: " + errors)
{
    public ValidationErrors Errors { get; } = errors;
}
