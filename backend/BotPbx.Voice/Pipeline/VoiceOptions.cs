namespace BotPbx.Voice.Pipeline;

/// <summary>How every agent call behaves beyond what the agent itself sets (its silence timeout, max turns, phrases).</summary>
public sealed record VoiceOptions
{
    public VadSettings Vad { get; init; } = new();

    public TimeSpan FrameDuration { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>No-input prompts said after the agent's silence timeout before the call is ended as "silence".</summary>
    public int MaxNoInputPrompts { get; init; } = 2;

    public string NoInputPrompt { get; init; } = "Are you still there?";

    /// <summary>Said before hanging up on a silent caller, and at the end of the last allowed turn.</summary>
    public string Goodbye { get; init; } = "Goodbye.";

    /// <summary>Model → tools → model rounds within one answer, so a model that keeps calling tools cannot loop forever.</summary>
    public int MaxToolRounds { get; init; } = 5;

    /// <summary>How long speech-to-text may take to give the final transcript after the end of a turn.</summary>
    public TimeSpan SttFinalTimeout { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>How long a user function's webhook may take.</summary>
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Every agent turn's marks, for the benchmark (and anything else that wants them). Must not throw or block.</summary>
    public Action<TurnMeasurement>? TurnMeasured { get; init; }

    /// <summary>Every barge-in: how long from the caller's first voiced frame to the flushed playback. Must not throw or block.</summary>
    public Action<TimeSpan>? BargedIn { get; init; }
}

/// <summary>
/// One agent turn, with the provider request times the saved <see cref="Agents.TurnTimings"/> leave out, so BotPBX's own
/// share (everything that is not waiting for a provider) can be told apart.
/// </summary>
public sealed record TurnMeasurement(
    DateTimeOffset EndOfSpeech,
    DateTimeOffset? SttFinal,
    DateTimeOffset? LlmRequest,
    DateTimeOffset? LlmFirstToken,
    DateTimeOffset? TtsRequest,
    DateTimeOffset? TtsFirstAudio,
    DateTimeOffset? FirstFrameSent)
{
    /// <summary>End of speech to first frame, less the time spent waiting for STT, the LLM's first token and TTS's first audio.</summary>
    public TimeSpan? OwnLatency =>
        FirstFrameSent is { } sent && SttFinal is { } stt && LlmRequest is { } llmAsk && LlmFirstToken is { } llm && TtsRequest is { } ttsAsk && TtsFirstAudio is { } tts
            ? (sent - EndOfSpeech) - (stt - EndOfSpeech) - (llm - llmAsk) - (tts - ttsAsk)
            : null;
}
