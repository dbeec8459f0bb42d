using System.Text.Json;
using BotPbx.Ivr.Schema;

namespace BotPbx.Ivr.Tests.Schema;

/// <summary>Review item: the evaluator's <c>$</c> accepted a trailing newline (.NET semantics); ECMA-262 and ajv do not.</summary>
public class PatternAnchorTests
{
    [Theory]
    [InlineData("^[0-9]{1,20}$", @"^[0-9]{1,20}\z")]
    [InlineData("^(general|[0-9]{1,20})$", @"^(general|[0-9]{1,20})\z")]
    [InlineData(@"^[A-Za-z0-9_$-]+(\[[0-9]+\])*$", @"^[A-Za-z0-9_$-]+(\[[0-9]+\])*\z")]
    [InlineData(@"^a\$$", @"^a\$\z")]
    [InlineData("^[]$]x$", @"^[]$]x\z")]
    [InlineData("^[^]$]$", @"^[^]$]\z")]
    [InlineData("^https?://", "^https?://")]
    public void End_anchors_become_end_of_input_and_nothing_else_changes(string ecma, string dotnet)
    {
        Assert.Equal(dotnet, EcmaPattern.ToDotNet(ecma));
    }

    [Theory]
    [InlineData("\"1001\"", true)]
    [InlineData("\"1001\\n\"", false)]
    [InlineData("\"general\\n\"", false)]
    public void A_value_with_a_trailing_newline_does_not_match_a_dollar_anchored_pattern(string json, bool valid)
    {
        using var schema = JsonDocument.Parse("""{ "type": "string", "pattern": "^(general|[0-9]{1,20})$" }""");
        using var instance = JsonDocument.Parse(json);
        Assert.Equal(valid, new JsonSchemaEvaluator(schema.RootElement).Evaluate(instance.RootElement).Count == 0);
    }

    [Fact]
    public void Every_pattern_of_the_flow_schema_refuses_a_trailing_newline()
    {
        var text = File.ReadAllText(Path.Combine(SchemaAndRegistryTests.RepositoryRoot(), "schemas", "ivr-flow.schema.json"));
        using var document = JsonDocument.Parse(text);
        var patterns = new List<string>();
        Collect(document.RootElement, patterns);
        Assert.NotEmpty(patterns);
        foreach (var pattern in patterns.Where(p => p.EndsWith('$')))
        {
            var regex = new System.Text.RegularExpressions.Regex(EcmaPattern.ToDotNet(pattern));
            Assert.False(regex.IsMatch("1\n") || regex.IsMatch("a\n") || regex.IsMatch("10:00\n"), pattern);
        }
    }

    private static void Collect(JsonElement element, List<string> patterns)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "pattern" && property.Value.ValueKind == JsonValueKind.String) patterns.Add(property.Value.GetString()!);
                else Collect(property.Value, patterns);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) Collect(item, patterns);
        }
    }
}
