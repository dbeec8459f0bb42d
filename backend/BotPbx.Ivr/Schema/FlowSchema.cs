using System.Text.Json;

namespace BotPbx.Ivr.Schema;

/// <summary>The embedded <c>schemas/ivr-flow.schema.json</c>: the same file the browser builder validates with.</summary>
public static class FlowSchema
{
    public const string ResourceName = "BotPbx.Ivr.ivr-flow.schema.json";

    private static readonly Lazy<(string Text, JsonSchemaEvaluator Evaluator, IReadOnlyList<string> NodeTypes)> Loaded = new(Load);

    /// <summary>The schema text, served to the builder unchanged.</summary>
    public static string Text => Loaded.Value.Text;

    public static JsonSchemaEvaluator Evaluator => Loaded.Value.Evaluator;

    /// <summary>Every node type the schema knows (<c>$defs.node.properties.type.enum</c>).</summary>
    public static IReadOnlyList<string> NodeTypes => Loaded.Value.NodeTypes;

    private static (string, JsonSchemaEvaluator, IReadOnlyList<string>) Load()
    {
        using var stream = typeof(FlowSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        using var document = JsonDocument.Parse(text);
        var evaluator = new JsonSchemaEvaluator(document.RootElement);
        var types = evaluator.Resolve("#/$defs/node/properties/type/enum").EnumerateArray().Select(e => e.GetString()!).ToList();
        return (text, evaluator, types);
    }
}
