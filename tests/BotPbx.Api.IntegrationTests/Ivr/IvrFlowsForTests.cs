namespace BotPbx.Api.IntegrationTests.Ivr;

/// <summary>Flow documents as the builder saves them.</summary>
internal static class IvrFlowsForTests
{
    public static object Node(string id, string type, object? data = null) => new { id, type, position = new { x = 0, y = 0 }, data = data ?? new { } };

    public static object Edge(string source, string handle, string target) => new { id = $"{source}-{handle}", source, sourceHandle = handle, target };

    public static object Flow(object[] nodes, object[] edges) => new { schemaVersion = 1, nodes, edges };

    /// <summary>start → menu (1) → a message with <paramref name="text"/>.</summary>
    public static object Menu(string text) => Flow(
        [Node("start", "start"),
         Node("menu", "menu", new { prompt = new { kind = "tts", text = "Press 1" }, options = new[] { new { digit = "1" } }, timeoutSeconds = 3 }),
         Node("sales", "playMessage", new { prompt = new { kind = "tts", text } })],
        [Edge("start", "next", "menu"), Edge("menu", "digit-1", "sales")]);
}
