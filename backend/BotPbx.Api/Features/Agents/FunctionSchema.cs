using System.Text.Json;
using System.Text.Json.Nodes;
using BotPbx.Api.Problems;

namespace BotPbx.Api.Features.Agents;

/// <summary>
/// Checks a function's <c>parameters</c> the way the LLM vendors need them: a JSON Schema whose root is
/// <c>{"type": "object"}</c>, with well-formed sub-schemas (<c>properties</c>, <c>items</c>, <c>required</c> naming
/// declared properties, known <c>type</c> names). OpenAI and Anthropic reject a malformed schema at call time, so a
/// mistake found here is one the caller never hears as a failed call.
/// </summary>
public static class FunctionSchema
{
    public const int MaxBytes = 16 * 1024;
    private const int MaxDepth = 12;

    private static readonly HashSet<string> Types = ["object", "string", "number", "integer", "boolean", "array", "null"];
    private static readonly string[] SchemaLists = ["anyOf", "oneOf", "allOf"];

    /// <summary>The schema as a JSON object when valid; null with messages under <paramref name="field"/> otherwise.</summary>
    public static JsonObject? Check(JsonNode? node, FieldErrors errors, string field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (node is not JsonObject root || root["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String ||
            type.GetValue<string>() != "object")
        {
            errors.Add(field, """must be a JSON schema object: {"type": "object", "properties": {…}}""");
            return null;
        }
        if (System.Text.Encoding.UTF8.GetByteCount(root.ToJsonString()) > MaxBytes)
        {
            errors.Add(field, $"must be at most {MaxBytes} bytes of JSON");
            return null;
        }
        var problems = new List<string>();
        Walk(root, "", 0, problems);
        foreach (var problem in problems.Take(5)) errors.Add(field, problem);
        return problems.Count == 0 ? (JsonObject)root.DeepClone() : null;
    }

    private static void Walk(JsonNode? node, string path, int depth, List<string> problems)
    {
        var at = path.Length == 0 ? "" : $" at {path}";
        if (node is not JsonObject schema)
        {
            problems.Add($"has a schema that is not a JSON object{at}");
            return;
        }
        if (depth > MaxDepth)
        {
            problems.Add($"nests deeper than {MaxDepth} levels{at}");
            return;
        }
        CheckType(schema["type"], at, problems);
        if (schema["description"] is { } description && description.GetValueKind() != JsonValueKind.String)
            problems.Add($"has a description that is not a string{at}");
        if (schema["enum"] is { } values && (values is not JsonArray list || list.Count == 0))
            problems.Add($"has an enum that is not a non-empty array{at}");

        var declared = new HashSet<string>(StringComparer.Ordinal);
        if (schema["properties"] is { } properties)
        {
            if (properties is not JsonObject map) problems.Add($"has properties that are not a JSON object{at}");
            else
                foreach (var (name, property) in map)
                {
                    declared.Add(name);
                    Walk(property, Join(path, "properties." + name), depth + 1, problems);
                }
        }
        if (schema["required"] is { } required)
        {
            if (required is not JsonArray names || names.Any(n => n?.GetValueKind() != JsonValueKind.String))
                problems.Add($"has required that is not an array of property names{at}");
            else
                foreach (var name in names.Select(n => n!.GetValue<string>()).Where(n => !declared.Contains(n)))
                    problems.Add($"requires \"{name}\", which is not in its properties{at}");
        }
        if (schema["items"] is { } items) Walk(items, Join(path, "items"), depth + 1, problems);
        if (schema["additionalProperties"] is { } additional && additional.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            Walk(additional, Join(path, "additionalProperties"), depth + 1, problems);
        foreach (var keyword in SchemaLists)
        {
            if (schema[keyword] is not { } alternatives) continue;
            if (alternatives is not JsonArray array || array.Count == 0) problems.Add($"has {keyword} that is not a non-empty array{at}");
            else
                for (var i = 0; i < array.Count; i++)
                    Walk(array[i], Join(path, FormattableString.Invariant($"{keyword}[{i}]")), depth + 1, problems);
        }
    }

    private static void CheckType(JsonNode? type, string at, List<string> problems)
    {
        if (type is null) return;
        var names = type switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
            JsonArray a when a.Count > 0 && a.All(t => t?.GetValueKind() == JsonValueKind.String) => a.Select(t => t!.GetValue<string>()).ToList(),
            _ => (List<string>?)null,
        };
        if (names is null || names.Any(n => !Types.Contains(n)))
            problems.Add($"has a type that is not one of {string.Join(", ", Types)}{at}");
    }

    private static string Join(string path, string step) => path.Length == 0 ? step : path + "." + step;
}
