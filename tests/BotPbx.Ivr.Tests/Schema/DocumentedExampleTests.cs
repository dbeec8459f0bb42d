using System.Text.Json;
using BotPbx.Ivr.Nodes;
using BotPbx.Ivr.Tests.Support;
using BotPbx.Ivr.Validation;

namespace BotPbx.Ivr.Tests.Schema;

/// <summary>The example in docs/ivr/examples stays a valid flow, so the documentation cannot drift from the schema.</summary>
public class DocumentedExampleTests
{
    [Fact]
    public async Task The_documented_main_menu_example_is_valid_and_uses_most_node_types()
    {
        var path = Path.Combine(SchemaAndRegistryTests.RepositoryRoot(), "docs", "ivr", "examples", "main-menu.json");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var references = new FakeReferences().With(IvrReferenceKind.Queue, "605", "610").With(IvrReferenceKind.AiAgent, "1")
            .With(IvrReferenceKind.Extension, "1000").With(IvrReferenceKind.Mailbox, "1000");
        var result = await new FlowValidator(references).ValidateAsync(document.RootElement, CancellationToken.None);
        Assert.Empty(result.Issues);
        var types = document.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("type").GetString()).Distinct().Count();
        Assert.True(types >= 11, $"the example shows {types} node types");
    }
}
