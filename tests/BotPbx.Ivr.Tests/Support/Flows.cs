using System.Text.Json;
using BotPbx.Ivr.Flow;

namespace BotPbx.Ivr.Tests.Support;

/// <summary>Builds flow documents the way the browser builder saves them.</summary>
public static class Flows
{
    public static object Node(string id, string type, object? data = null) =>
        new { id, type, position = new { x = 0, y = 0 }, data = data ?? new { } };

    public static object Edge(string source, string handle, string target) =>
        new { id = $"{source}-{handle.Replace("#", "hash", StringComparison.Ordinal).Replace("*", "star", StringComparison.Ordinal)}-{target}", source, sourceHandle = handle, target };

    public static object Tts(string text) => new { kind = "tts", text };

    public static JsonElement Document(object[] nodes, object[] edges) =>
        JsonSerializer.SerializeToElement(new { schemaVersion = 1, nodes, edges }, FlowJson.Options);

    public static IvrFlow Flow(object[] nodes, object[] edges) => FlowJson.ToFlow(Document(nodes, edges));

    /// <summary>start → the given node (through "next"), the common shape of a single-node test.</summary>
    public static IvrFlow StartThen(object node, params object[] more) =>
        Flow([Node("start", "start"), node, .. more], [Edge("start", "next", IdOf(node))]);

    public static IvrFlow WithEdges(object[] nodes, params object[] edges) => Flow(nodes, edges);

    private static string IdOf(object node) => (string)node.GetType().GetProperty("id")!.GetValue(node)!;
}
