using System.Text.Json;
using Anthropic.Models.Messages;

namespace BotPbx.Voice.Providers.Anthropic;

/// <summary>
/// Maps the provider-neutral conversation onto the Messages API: system text goes to the top-level <c>system</c>,
/// an assistant's tool calls become <c>tool_use</c> blocks, and tool answers become <c>tool_result</c> blocks of the
/// next user turn (the API wants every result of one assistant turn in a single user message).
/// </summary>
internal static class AnthropicMessages
{
    public static string? System(IEnumerable<ChatMessage> messages)
    {
        var parts = messages.Where(m => m.Role == ChatRole.System && !string.IsNullOrWhiteSpace(m.Text)).Select(m => m.Text!).ToList();
        return parts.Count == 0 ? null : string.Join("\n\n", parts);
    }

    public static List<MessageParam> Turns(IEnumerable<ChatMessage> messages)
    {
        var turns = new List<(bool IsUser, List<ContentBlockParam> Blocks)>();
        foreach (var message in messages)
        {
            var (isUser, blocks) = message.Role switch
            {
                ChatRole.User => (true, TextBlocks(message.Text)),
                ChatRole.Tool => (true, [ToolResult(message)]),
                ChatRole.Assistant => (false, AssistantBlocks(message)),
                _ => (true, (List<ContentBlockParam>?)null),
            };
            if (blocks is null || blocks.Count == 0) continue;
            // Consecutive turns of one side are merged: the API alternates user and assistant.
            if (turns.Count > 0 && turns[^1].IsUser == isUser) turns[^1].Blocks.AddRange(blocks);
            else turns.Add((isUser, blocks));
        }
        return turns.Select(t => t.IsUser
            ? (MessageParam)new UserMessageParam(t.Blocks)
            : new AssistantMessageParam(t.Blocks)).ToList();
    }

    public static List<ToolUnion> Tools(IEnumerable<ToolDefinition> tools) =>
        tools.Select(t => (ToolUnion)new Tool
        {
            Name = t.Name,
            Description = t.Description,
            InputSchema = InputSchema.FromRawUnchecked(ToElements(t.Parameters.ToJsonString())),
        }).ToList();

    private static List<ContentBlockParam> TextBlocks(string? text) =>
        string.IsNullOrEmpty(text) ? [] : [new TextBlockParam(text)];

    private static List<ContentBlockParam> AssistantBlocks(ChatMessage message)
    {
        var blocks = TextBlocks(message.Text);
        foreach (var call in message.ToolCalls ?? [])
        {
            blocks.Add(new ToolUseBlockParam
            {
                ID = call.Id,
                Name = call.Name,
                Input = ToElements(string.IsNullOrWhiteSpace(call.ArgumentsJson) ? "{}" : call.ArgumentsJson),
            });
        }
        return blocks;
    }

    private static ContentBlockParam ToolResult(ChatMessage message) =>
        new ToolResultBlockParam(message.ToolCallId ?? throw new ArgumentException("A tool message needs the id of the call it answers.", nameof(message)))
        {
            Content = message.Text ?? "",
        };

    private static Dictionary<string, JsonElement> ToElements(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new ArgumentException("Tool arguments and schemas must be JSON objects.", nameof(json));
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }
}
