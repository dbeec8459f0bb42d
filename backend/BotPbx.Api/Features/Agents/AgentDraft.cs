using System.Text.Json.Nodes;

namespace BotPbx.Api.Features.Agents;

/// <summary>A validated agent, ready to be written (ids of functions and webhooks that already exist are kept).</summary>
public sealed record AgentDraft
{
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
    /// <summary>The internal number, or null (checked against the PBX's numbers under its lock, not here).</summary>
    public string? Number { get; init; }
    public required int MaxTurns { get; init; }
    public required int SilenceTimeoutSeconds { get; init; }
    public required IReadOnlyList<string> EndCallPhrases { get; init; }
    public required IReadOnlyList<AgentContext> Contexts { get; init; }
    public required IReadOnlyList<FunctionDraft> Functions { get; init; }
    public required IReadOnlyList<WebhookDraft> Webhooks { get; init; }
    public required IReadOnlyList<AgentTransferTarget> TransferTargets { get; init; }
}

public sealed record FunctionDraft(long? Id, string Name, string Description, JsonObject Parameters, string Url);

public sealed record WebhookDraft(long? Id, string Url, IReadOnlyList<string> Events);
