using System.Text.Json.Nodes;

namespace BotPbx.Voice.Providers;

/// <summary>One language-model vendor (OpenAI-compatible, Anthropic…). Streams text and complete tool calls.</summary>
public interface ILlmClient
{
    IAsyncEnumerable<LlmDelta> StreamAsync(LlmRequest request, CancellationToken cancellationToken);
}

public sealed record LlmRequest(
    string Model,
    IReadOnlyList<ChatMessage> Messages,
    IReadOnlyList<ToolDefinition> Tools,
    double Temperature,
    int MaxTokens);

public enum ChatRole { System, User, Assistant, Tool }

/// <summary>A message of the conversation. An assistant message may carry tool calls; a tool message answers one by id.</summary>
public sealed record ChatMessage(ChatRole Role, string? Text, IReadOnlyList<ToolCall>? ToolCalls = null, string? ToolCallId = null);

/// <summary>A function the model may call; <paramref name="Parameters"/> is a JSON schema of its arguments.</summary>
public sealed record ToolDefinition(string Name, string Description, JsonObject Parameters);

/// <summary>A complete tool call (the client assembles streamed argument fragments before yielding it).</summary>
public sealed record ToolCall(string Id, string Name, string ArgumentsJson);

public abstract record LlmDelta;

/// <summary>A fragment of the spoken answer, in order.</summary>
public sealed record LlmTextDelta(string Text) : LlmDelta;

public sealed record LlmToolCallDelta(ToolCall Call) : LlmDelta;

/// <summary>The last item of every stream.</summary>
public sealed record LlmDone(string? FinishReason, int? InputTokens = null, int? OutputTokens = null) : LlmDelta;
