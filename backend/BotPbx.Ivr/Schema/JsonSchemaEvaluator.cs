using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BotPbx.Ivr.Schema;

/// <summary>
/// Evaluates the subset of JSON Schema 2020-12 that <c>schemas/ivr-flow.schema.json</c> uses. No JSON Schema library
/// restores from this project's registry (JsonSchema.Net and NJsonSchema miss dependencies), and the subset is small.
/// A keyword outside the subset makes the constructor throw, so the shared schema can never use a rule that the
/// server would silently skip while the browser (Ajv) enforces it.
/// </summary>
public sealed class JsonSchemaEvaluator
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples",
    };

    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "$ref", "type", "enum", "const", "properties", "required", "additionalProperties", "maxProperties", "items",
        "minItems", "maxItems", "minimum", "maximum", "minLength", "maxLength", "pattern", "allOf", "if", "then", "else",
    };

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private readonly JsonElement _root;
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public JsonSchemaEvaluator(JsonElement root)
    {
        _root = root.Clone();
        CheckKeywords(_root, "#");
    }

    public IReadOnlyList<SchemaError> Evaluate(JsonElement instance)
    {
        var errors = new List<SchemaError>();
        Evaluate(_root, instance, [], errors);
        return errors;
    }

    /// <summary>Resolves a local reference such as <c>#/$defs/menuData</c>.</summary>
    public JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Only local references are supported: '{reference}'.");
        }
        var current = _root;
        foreach (var part in reference[2..].Split('/'))
        {
            if (!current.TryGetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out current))
            {
                throw new InvalidOperationException($"The schema has no '{reference}'.");
            }
        }
        return current;
    }

    private void CheckKeywords(JsonElement schema, string where)
    {
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind == JsonValueKind.False) return;
        if (schema.ValueKind != JsonValueKind.Object) throw new InvalidOperationException($"Schema at {where} is not an object.");
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Annotations.Contains(keyword.Name) && !Supported.Contains(keyword.Name))
            {
                throw new InvalidOperationException($"Schema keyword '{keyword.Name}' at {where} is not supported by {nameof(JsonSchemaEvaluator)}.");
            }
            switch (keyword.Name)
            {
                case "$defs" or "properties":
                    foreach (var child in keyword.Value.EnumerateObject()) CheckKeywords(child.Value, $"{where}/{keyword.Name}/{child.Name}");
                    break;
                case "allOf":
                    foreach (var child in keyword.Value.EnumerateArray()) CheckKeywords(child, $"{where}/allOf");
                    break;
                case "items" or "additionalProperties" or "if" or "then" or "else":
                    CheckKeywords(keyword.Value, $"{where}/{keyword.Name}");
                    break;
                case "$ref":
                    Resolve(keyword.Value.GetString()!);
                    break;
                case "pattern":
                    Pattern(keyword.Value.GetString()!);
                    break;
            }
        }
    }

    private bool Matches(JsonElement schema, JsonElement instance)
    {
        var scratch = new List<SchemaError>();
        Evaluate(schema, instance, [], scratch);
        return scratch.Count == 0;
    }

    private void Evaluate(JsonElement schema, JsonElement instance, List<object> path, List<SchemaError> errors)
    {
        if (schema.ValueKind == JsonValueKind.True) return;
        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add(new SchemaError([.. path], "is not allowed"));
            return;
        }
        if (schema.TryGetProperty("$ref", out var reference)) Evaluate(Resolve(reference.GetString()!), instance, path, errors);
        if (schema.TryGetProperty("type", out var type) && !HasType(instance, type))
        {
            errors.Add(new SchemaError([.. path], $"must be of type {TypeText(type)}"));
            return;
        }
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, instance))
        {
            errors.Add(new SchemaError([.. path], $"must be {constant.GetRawText()}"));
        }
        if (schema.TryGetProperty("enum", out var choices) && !choices.EnumerateArray().Any(c => JsonElement.DeepEquals(c, instance)))
        {
            errors.Add(new SchemaError([.. path], $"must be one of: {string.Join(", ", choices.EnumerateArray().Select(c => c.ToString()))}"));
        }
        switch (instance.ValueKind)
        {
            case JsonValueKind.Object: EvaluateObject(schema, instance, path, errors); break;
            case JsonValueKind.Array: EvaluateArray(schema, instance, path, errors); break;
            case JsonValueKind.String: EvaluateString(schema, instance.GetString()!, path, errors); break;
            case JsonValueKind.Number: EvaluateNumber(schema, instance.GetDouble(), path, errors); break;
        }
        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray()) Evaluate(part, instance, path, errors);
        }
        if (schema.TryGetProperty("if", out var condition))
        {
            var branch = Matches(condition, instance) ? "then" : "else";
            if (schema.TryGetProperty(branch, out var consequence)) Evaluate(consequence, instance, path, errors);
        }
    }

    private void EvaluateObject(JsonElement schema, JsonElement instance, List<object> path, List<SchemaError> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray())
            {
                if (!instance.TryGetProperty(name.GetString()!, out _)) errors.Add(new SchemaError([.. path, name.GetString()!], "is required"));
            }
        }
        if (schema.TryGetProperty("maxProperties", out var maxProperties) && instance.EnumerateObject().Count() > maxProperties.GetInt32())
        {
            errors.Add(new SchemaError([.. path], $"must have at most {maxProperties.GetInt32()} entries"));
        }
        schema.TryGetProperty("properties", out var properties);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in instance.EnumerateObject())
        {
            path.Add(property.Name);
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Evaluate(propertySchema, property.Value, path, errors);
            }
            else if (hasAdditional)
            {
                if (additional.ValueKind == JsonValueKind.False) errors.Add(new SchemaError([.. path], "is not a known setting"));
                else Evaluate(additional, property.Value, path, errors);
            }
            path.RemoveAt(path.Count - 1);
        }
    }

    private void EvaluateArray(JsonElement schema, JsonElement instance, List<object> path, List<SchemaError> errors)
    {
        var count = instance.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
        {
            errors.Add(new SchemaError([.. path], $"must have at least {min.GetInt32()} item(s)"));
        }
        if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
        {
            errors.Add(new SchemaError([.. path], $"must have at most {max.GetInt32()} item(s)"));
        }
        if (!schema.TryGetProperty("items", out var items)) return;
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            path.Add(index++);
            Evaluate(items, item, path, errors);
            path.RemoveAt(path.Count - 1);
        }
    }

    private void EvaluateString(JsonElement schema, string value, List<object> path, List<SchemaError> errors)
    {
        if (schema.TryGetProperty("minLength", out var min) && value.Length < min.GetInt32())
        {
            errors.Add(new SchemaError([.. path], min.GetInt32() == 1 ? "must not be empty" : $"must be at least {min.GetInt32()} characters"));
        }
        if (schema.TryGetProperty("maxLength", out var max) && value.Length > max.GetInt32())
        {
            errors.Add(new SchemaError([.. path], $"must be at most {max.GetInt32()} characters"));
        }
        if (schema.TryGetProperty("pattern", out var pattern) && !Pattern(pattern.GetString()!).IsMatch(value))
        {
            errors.Add(new SchemaError([.. path], $"does not have the expected form ({pattern.GetString()})"));
        }
    }

    private static void EvaluateNumber(JsonElement schema, double value, List<object> path, List<SchemaError> errors)
    {
        if (schema.TryGetProperty("minimum", out var min) && value < min.GetDouble())
        {
            errors.Add(new SchemaError([.. path], $"must be at least {min.GetRawText()}"));
        }
        if (schema.TryGetProperty("maximum", out var max) && value > max.GetDouble())
        {
            errors.Add(new SchemaError([.. path], $"must be at most {max.GetRawText()}"));
        }
    }

    private Regex Pattern(string pattern)
    {
        lock (_patterns)
        {
            if (!_patterns.TryGetValue(pattern, out var regex))
            {
                regex = new Regex(EcmaPattern.ToDotNet(pattern), RegexOptions.CultureInvariant, PatternTimeout);
                _patterns[pattern] = regex;
            }
            return regex;
        }
    }

    private static bool HasType(JsonElement instance, JsonElement type) => type.ValueKind == JsonValueKind.Array
        ? type.EnumerateArray().Any(t => HasType(instance, t.GetString()!))
        : HasType(instance, type.GetString()!);

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && IsInteger(instance),
        _ => throw new InvalidOperationException($"Unknown schema type '{type}'."),
    };

    private static bool IsInteger(JsonElement number) =>
        number.TryGetInt64(out _) || (double.TryParse(number.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Floor(d) == d && !double.IsInfinity(d));

    private static string TypeText(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? string.Join(" or ", type.EnumerateArray().Select(t => t.GetString())) : type.GetString()!;
}
