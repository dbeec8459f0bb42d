using System.Text.Json;
using BotPbx.Ivr.Nodes;
using BotPbx.Ivr.Schema;

namespace BotPbx.Ivr.Tests.Schema;

public class SchemaAndRegistryTests
{
    [Fact]
    public void Every_node_type_in_the_registry_is_in_the_schema_and_the_other_way_round()
    {
        Assert.Equal(NodeRegistry.Types.Order(StringComparer.Ordinal), FlowSchema.NodeTypes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_node_type_has_a_data_definition_in_the_schema()
    {
        foreach (var type in NodeRegistry.Types)
        {
            var data = FlowSchema.Evaluator.Resolve($"#/$defs/{type}Data");
            Assert.False(data.GetProperty("additionalProperties").GetBoolean(), $"{type}Data must reject unknown settings");
        }
    }

    [Fact]
    public void The_embedded_schema_is_the_file_the_builder_uses()
    {
        var file = Path.Combine(RepositoryRoot(), "schemas", "ivr-flow.schema.json");
        Assert.Equal(File.ReadAllText(file), FlowSchema.Text);
    }

    [Fact]
    public void A_schema_keyword_the_evaluator_does_not_implement_is_refused_rather_than_ignored()
    {
        using var schema = JsonDocument.Parse("""{ "type": "object", "properties": { "a": { "oneOf": [] } } }""");
        var error = Assert.Throws<InvalidOperationException>(() => new JsonSchemaEvaluator(schema.RootElement));
        Assert.Contains("oneOf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_node_type_fails_loudly()
    {
        Assert.Throws<UnknownNodeTypeException>(() => NodeRegistry.Get("playVideo"));
    }

    [Theory]
    [InlineData("""{"minimum": 3}""", "2", "must be at least 3")]
    [InlineData("""{"type": "integer"}""", "2.5", "must be of type integer")]
    [InlineData("""{"type": "integer"}""", "2.0", null)]
    [InlineData("""{"enum": ["a", "b"]}""", "\"c\"", "must be one of: a, b")]
    [InlineData("""{"pattern": "^[0-9]+$"}""", "\"12a\"", "does not have the expected form (^[0-9]+$)")]
    [InlineData("""{"type": "object", "required": ["x"]}""", "{}", "is required")]
    [InlineData("""{"type": "object", "additionalProperties": false}""", """{"y": 1}""", "is not a known setting")]
    [InlineData("""{"type": "array", "maxItems": 1}""", "[1, 2]", "must have at most 1 item(s)")]
    [InlineData("""{"if": {"properties": {"k": {"const": "a"}}}, "then": {"required": ["t"]}}""", """{"k": "a"}""", "is required")]
    [InlineData("""{"if": {"properties": {"k": {"const": "a"}}}, "then": {"required": ["t"]}}""", """{"k": "b"}""", null)]
    public void The_evaluator_applies_each_keyword(string schemaJson, string instanceJson, string? expected)
    {
        using var schema = JsonDocument.Parse(schemaJson);
        using var instance = JsonDocument.Parse(instanceJson);
        var errors = new JsonSchemaEvaluator(schema.RootElement).Evaluate(instance.RootElement);
        if (expected is null) Assert.Empty(errors);
        else Assert.Equal(expected, Assert.Single(errors).Message);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BotPbx.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("BotPbx.sln not found above the test binaries.");
    }
}
