using System.Text.Json.Nodes;
using BotPbx.Voice.Providers;

namespace BotPbx.Voice.Agents;

/// <summary>Everything the call pipeline needs to run one agent, already resolved for one call's context.</summary>
public sealed record AgentDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required ProviderSettings Llm { get; init; }
    public required string Model { get; init; }
    public double Temperature { get; init; } = 0.7;
    public int MaxTokens { get; init; } = 300;
    /// <summary>May hold {{variables}}: caller_id, caller_name, did, and a campaign contact's columns.</summary>
    public required string SystemPrompt { get; init; }
    public string? Greeting { get; init; }
    public required ProviderSettings Tts { get; init; }
    public string? Voice { get; init; }
    public double Speed { get; init; } = 1.0;
    public required ProviderSettings Stt { get; init; }
    /// <summary>A speech-to-speech provider (kind "openai-realtime") that replaces STT → LLM → TTS for this agent; null for the pipeline.</summary>
    public ProviderSettings? SpeechToSpeech { get; init; }
    public string Language { get; init; } = "en-US";
    public string? SttModel { get; init; }
    public int MaxTurns { get; init; } = 20;
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(8);
    public IReadOnlyList<string> EndCallPhrases { get; init; } = [];
    public IReadOnlyList<AgentFunction> Functions { get; init; } = [];
    public IReadOnlyList<TransferTarget> TransferTargets { get; init; } = [];
    public IReadOnlyList<AgentWebhook> Webhooks { get; init; } = [];
}

/// <summary>A user-defined tool: the model calls it with arguments matching <see cref="Parameters"/>; BotPBX POSTs them to <see cref="Url"/>.</summary>
public sealed record AgentFunction(string Name, string Description, JsonObject Parameters, Uri Url, string? Secret);

/// <summary>Where the agent may send the caller. Kind: extension, queue, ringGroup, external. Warm transfers speak a summary to the human first.</summary>
public sealed record TransferTarget(string Name, string Kind, string Number, string? Description, bool Warm);

/// <summary>Events: call.start, call.end, transfer, function.call. Bodies are signed with HMAC-SHA256 of <see cref="Secret"/>.</summary>
public sealed record AgentWebhook(Uri Url, IReadOnlyList<string> Events, string Secret);
