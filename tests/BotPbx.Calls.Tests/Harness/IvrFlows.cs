using System.Globalization;
using System.Text.Json.Nodes;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// An IVR flow document (docs/ivr/flow-format.md) written the way the builder saves it: a start node, then nodes
/// and edges added by id. <c>Then("menu", "digit-1", "sales")</c> joins a handle of one node to another.
/// </summary>
public sealed class IvrFlow
{
    private readonly JsonArray _nodes = [];
    private readonly JsonArray _edges = [];

    public IvrFlow()
    {
        Node("start", "start", new JsonObject());
    }

    public static JsonObject Tts(string text) => new() { ["kind"] = "tts", ["text"] = text };

    public IvrFlow Node(string id, string type, JsonObject data)
    {
        _nodes.Add(new JsonObject
        {
            ["id"] = id,
            ["type"] = type,
            ["position"] = new JsonObject { ["x"] = 0, ["y"] = _nodes.Count * 120 },
            ["data"] = data,
        });
        return this;
    }

    public IvrFlow Then(string source, string handle, string target)
    {
        _edges.Add(new JsonObject
        {
            ["id"] = "e" + (_edges.Count + 1).ToString(CultureInfo.InvariantCulture),
            ["source"] = source,
            ["sourceHandle"] = handle,
            ["target"] = target,
        });
        return this;
    }

    public IvrFlow Play(string id, string text) => Node(id, "playMessage", new JsonObject { ["prompt"] = Tts(text) });

    public IvrFlow Transfer(string id, string kind, string target) =>
        Node(id, "transfer", new JsonObject { ["destination"] = new JsonObject { ["kind"] = kind, ["target"] = target } });

    public IvrFlow Hangup(string id) => Node(id, "hangup", new JsonObject());

    public JsonObject ToJson() => new()
    {
        ["schemaVersion"] = 1,
        ["nodes"] = _nodes.DeepClone(),
        ["edges"] = _edges.DeepClone(),
    };
}

public static class IvrApi
{
    /// <summary>
    /// Saves <paramref name="flow"/> as a new IVR, publishes it and returns its id (the builder's Save + Publish). With
    /// <paramref name="warmUp"/>, the published version is first run in the simulator, as an administrator trying it
    /// would: that synthesises its first prompts, so a test call's timing does not depend on how long flite takes
    /// for a new text on a busy machine (seconds, the first time).
    /// </summary>
    public static async Task<long> PublishIvrAsync(this PbxFixture pbx, string name, IvrFlow flow, bool warmUp = true)
    {
        var ivr = await pbx.Api.PostAsync("api/ivrs", new JsonObject { ["name"] = name, ["flow"] = flow.ToJson() });
        var id = ivr["id"]!.GetValue<long>();
        var published = await pbx.Api.PostAsync($"api/ivrs/{id}/publish", new { });
        if (warmUp)
        {
            var session = await pbx.Api.PostAsync($"api/ivrs/{id}/simulate", new { version = published["version"]!.GetValue<int>() });
            await pbx.Api.DeleteAsync($"api/ivrs/{id}/simulate/{session["sessionId"]}");
        }
        return id;
    }

    /// <summary>The newest trace of a real call through the IVR, once its run has ended (it is written at the end).</summary>
    public static async Task<JsonObject> LastTraceAsync(this PbxFixture pbx, long ivrId, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var traces = await pbx.Api.GetAsync($"api/ivrs/{ivrId}/traces?limit=1");
            if (traces["items"] is JsonArray { Count: > 0 } items && items[0] is JsonObject trace && trace["endedAt"] is not null) return trace;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"IVR {ivrId} has no finished trace: {traces.ToJsonString()}");
            await Task.Delay(250);
        }
    }

    /// <summary>The output handles a traced run took, in order, as "node:handle".</summary>
    public static IReadOnlyList<string> Steps(JsonObject trace) =>
        [.. (trace["steps"] as JsonArray ?? []).Select(s => $"{s!["nodeId"]}:{s["handle"]}")];
}
