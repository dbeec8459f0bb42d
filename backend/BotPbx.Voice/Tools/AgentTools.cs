using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Providers;

namespace BotPbx.Voice.Tools;

/// <summary>What a tool call asks the conversation to do after its audio is out: nothing more, transfer, or hang up.</summary>
public enum ToolAction
{
    Continue,
    Transfer,
    HangUp,
}

/// <summary>The answer to one tool call: the JSON given back to the model, and what the call should do next.</summary>
public sealed record ToolOutcome(string ResultJson, ToolAction Action = ToolAction.Continue, TransferTarget? Target = null, string? Summary = null);

/// <summary>
/// The tools an agent offers the model: <c>transfer</c> (to one of the agent's transfer targets, by name), <c>hang_up</c>,
/// <c>send_dtmf</c>, and the agent's own functions (webhooks). Built-in names win over a user function of the same name.
/// Transfer and hang-up are not done here: they end the conversation, so the conversation does them once the words
/// before them have been heard (see <see cref="Pipeline.AgentConversation"/>).
/// </summary>
public sealed partial class AgentTools(AgentDefinition agent, ICallControl call, FunctionCaller functions)
{
    public const string Transfer = "transfer";
    public const string HangUp = "hang_up";
    public const string SendDtmf = "send_dtmf";

    public IReadOnlyList<ToolDefinition> Definitions { get; } = Build(agent);

    public async Task<ToolOutcome> RunAsync(ToolCall toolCall, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(toolCall);
        JsonObject arguments;
        try
        {
            arguments = JsonNode.Parse(string.IsNullOrWhiteSpace(toolCall.ArgumentsJson) ? "{}" : toolCall.ArgumentsJson) as JsonObject
                ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return Error("the arguments were not a JSON object");
        }

        switch (toolCall.Name)
        {
            case Transfer when agent.TransferTargets.Count > 0:
                var name = Text(arguments, "target");
                var target = agent.TransferTargets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
                if (target is null) return Error($"unknown target '{name}'; use one of: {string.Join(", ", agent.TransferTargets.Select(t => t.Name))}");
                return new ToolOutcome("""{"ok":true}""", ToolAction.Transfer, target, Text(arguments, "summary"));
            case HangUp:
                return new ToolOutcome("""{"ok":true}""", ToolAction.HangUp);
            case SendDtmf:
                var digits = Text(arguments, "digits") ?? "";
                if (!DtmfDigits().IsMatch(digits)) return Error("digits must be 1 to 32 of 0-9 * # A-D");
                await call.SendDtmfAsync(digits, cancellationToken).ConfigureAwait(false);
                return new ToolOutcome("""{"ok":true}""");
        }
        var function = agent.Functions.FirstOrDefault(f => f.Name == toolCall.Name);
        if (function is null) return Error($"there is no tool named '{toolCall.Name}'");
        return new ToolOutcome(await functions.CallAsync(function, arguments.ToJsonString(), cancellationToken).ConfigureAwait(false));
    }

    private static List<ToolDefinition> Build(AgentDefinition agent)
    {
        var tools = new List<ToolDefinition>();
        if (agent.TransferTargets.Count > 0)
        {
            var names = new JsonArray([.. agent.TransferTargets.Select(t => (JsonNode)JsonValue.Create(t.Name))]);
            var described = string.Join("; ", agent.TransferTargets.Select(t => t.Description is { Length: > 0 } d ? $"{t.Name}: {d}" : t.Name));
            tools.Add(new ToolDefinition(Transfer,
                "Transfers the caller to a person or department. Say a short sentence first (e.g. that you are connecting them). Targets: " + described,
                Schema(new JsonObject
                {
                    ["target"] = new JsonObject { ["type"] = "string", ["enum"] = names, ["description"] = "Where to transfer the caller" },
                    ["summary"] = new JsonObject { ["type"] = "string", ["description"] = "One or two sentences for the person taking the call: who is calling and why" },
                }, "target")));
        }
        tools.Add(new ToolDefinition(HangUp, "Ends the call. Say goodbye first.",
            Schema(new JsonObject { ["reason"] = new JsonObject { ["type"] = "string" } })));
        tools.Add(new ToolDefinition(SendDtmf, "Sends touch-tone digits on the line (for example to navigate another phone menu).",
            Schema(new JsonObject { ["digits"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9*#A-D]{1,32}$" } }, "digits")));
        var builtIn = tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var function in agent.Functions.Where(f => !builtIn.Contains(f.Name)))
        {
            tools.Add(new ToolDefinition(function.Name, function.Description, (JsonObject)function.Parameters.DeepClone()));
        }
        return tools;
    }

    private static JsonObject Schema(JsonObject properties, params string[] required) => new()
    {
        ["type"] = "object",
        ["properties"] = properties,
        ["required"] = new JsonArray([.. required.Select(r => (JsonNode)JsonValue.Create(r))]),
    };

    private static string? Text(JsonObject arguments, string name) =>
        arguments[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static ToolOutcome Error(string message) => new(ToolJson.Error(message));

    [GeneratedRegex("^[0-9*#A-D]{1,32}$")]
    private static partial Regex DtmfDigits();
}
