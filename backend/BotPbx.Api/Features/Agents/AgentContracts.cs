using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace BotPbx.Api.Features.Agents;

/// <summary>
/// The body of <c>POST /api/agents</c> and <c>PUT /api/agents/{id}</c>: every field of seed 003's agent form. On
/// update, fields left out keep their stored value and a list sent replaces the stored list whole (PbxRequestBody);
/// a function or webhook sent with its <c>id</c> keeps its secret, one without an id gets a new secret.
/// </summary>
public sealed record AgentRequest
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? LlmProvider { get; init; }
    public string? Model { get; init; }
    public double? Temperature { get; init; }
    public int? MaxTokens { get; init; }
    public string? SystemPrompt { get; init; }
    public string? Greeting { get; init; }
    public string? TtsEngine { get; init; }
    public string? TtsVoice { get; init; }
    public double? TtsSpeed { get; init; }
    public string? SttEngine { get; init; }
    public string? SttLanguage { get; init; }
    public string? SttModel { get; init; }
    /// <summary>A speech-to-speech provider ("openai-realtime") that replaces STT → LLM → TTS; null for the pipeline.</summary>
    public string? RealtimeProvider { get; init; }
    /// <summary>An internal number phones (desk and browser) dial to reach the agent; null or empty = not dialable.</summary>
    public string? Number { get; init; }
    public int? MaxTurns { get; init; }
    public int? SilenceTimeoutSeconds { get; init; }
    public IReadOnlyList<string?>? EndCallPhrases { get; init; }
    public IReadOnlyList<AgentContextRequest?>? Contexts { get; init; }
    public IReadOnlyList<AgentFunctionRequest?>? Functions { get; init; }
    public IReadOnlyList<AgentWebhookRequest?>? Webhooks { get; init; }
    public IReadOnlyList<AgentTransferTargetRequest?>? TransferTargets { get; init; }
}

public sealed record AgentContextRequest(string? Name, string? Greeting, string? Prompt);

/// <summary><paramref name="Parameters"/>: a JSON schema object (<c>{"type": "object", "properties": {…}}</c>).</summary>
public sealed record AgentFunctionRequest(long? Id, string? Name, string? Description, JsonNode? Parameters, string? Url);

/// <summary><paramref name="Events"/>: call.start, call.end, transfer, function.call.</summary>
public sealed record AgentWebhookRequest(long? Id, string? Url, IReadOnlyList<string?>? Events);

/// <summary><paramref name="Kind"/>: extension, queue, ringGroup or external; <paramref name="Number"/> the number dialled.</summary>
public sealed record AgentTransferTargetRequest(string? Name, string? Kind, string? Number, string? Description, bool? Warm);

/// <summary>An agent as the API answers it. Secrets are never in it, except right after the write that generated them.</summary>
public sealed record AgentResponse
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required string LlmProvider { get; init; }
    public required string Model { get; init; }
    public required double Temperature { get; init; }
    public required int MaxTokens { get; init; }
    public required string SystemPrompt { get; init; }
    public required string Greeting { get; init; }
    public required string TtsEngine { get; init; }
    public required string TtsVoice { get; init; }
    public required double TtsSpeed { get; init; }
    public required string SttEngine { get; init; }
    public required string SttLanguage { get; init; }
    public required string SttModel { get; init; }
    public string? RealtimeProvider { get; init; }
    public string? Number { get; init; }
    public required int MaxTurns { get; init; }
    public required int SilenceTimeoutSeconds { get; init; }
    public required IReadOnlyList<string> EndCallPhrases { get; init; }
    public required IReadOnlyList<AgentContext> Contexts { get; init; }
    public required IReadOnlyList<AgentFunctionResponse> Functions { get; init; }
    public required IReadOnlyList<AgentWebhookResponse> Webhooks { get; init; }
    public required IReadOnlyList<AgentTransferTarget> TransferTargets { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

public sealed record AgentContext(string Name, string Greeting, string Prompt);

public sealed record AgentTransferTarget(string Name, string Kind, string Number, string Description, bool Warm);

/// <summary><paramref name="Secret"/> is set only in the answer to the write that generated it: copy it then.</summary>
public sealed record AgentFunctionResponse(long Id, string Name, string Description, JsonObject Parameters, string Url, bool HasSecret,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null);

public sealed record AgentWebhookResponse(long Id, string Url, IReadOnlyList<string> Events, bool HasSecret,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null);

/// <summary>A new secret for one function or webhook (the old one stops working at once).</summary>
public sealed record SecretResponse(string Secret);
