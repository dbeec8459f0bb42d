namespace BotPbx.Voice.Providers.OpenAiRealtime;

/// <summary>
/// A speech-to-speech model (the alternative to STT → LLM → TTS): caller audio in, spoken answer out, with its own
/// voice activity detection, transcripts and function calls. Audio is 16-bit little-endian mono PCM at
/// <see cref="SampleRate"/> both ways.
/// </summary>
public interface IRealtimeSession : IAsyncDisposable
{
    int SampleRate { get; }

    ValueTask AppendAudioAsync(ReadOnlyMemory<byte> pcm16, CancellationToken cancellationToken);

    /// <summary>Asks for a spoken response now (the greeting), with extra instructions for this response only.</summary>
    ValueTask CreateResponseAsync(string? instructions, CancellationToken cancellationToken);

    /// <summary>Answers a <see cref="RealtimeToolCall"/> and lets the model go on speaking.</summary>
    ValueTask SendToolResultAsync(string callId, string output, CancellationToken cancellationToken);

    /// <summary>After a barge-in: the caller heard only <paramref name="heard"/> of that item's audio; the model forgets the rest.</summary>
    ValueTask TruncateAsync(string itemId, TimeSpan heard, CancellationToken cancellationToken);

    /// <summary>Events in order; ends when the session is closed, throws <see cref="ProviderException"/> if the vendor fails.</summary>
    IAsyncEnumerable<RealtimeEvent> EventsAsync(CancellationToken cancellationToken);
}

/// <summary>Connects realtime sessions for one provider's settings (kind "openai-realtime").</summary>
public interface IRealtimeClient
{
    Task<IRealtimeSession> ConnectAsync(RealtimeSessionOptions options, CancellationToken cancellationToken);
}

/// <summary>What the agent says and may do: its prompt, voice and tools.</summary>
public sealed record RealtimeSessionOptions(
    string Model,
    string Instructions,
    IReadOnlyList<ToolDefinition> Tools,
    string? Voice = null,
    double Speed = 1,
    int? MaxOutputTokens = null,
    string? Language = null);

public abstract record RealtimeEvent;

/// <summary>A piece of the spoken answer, for assistant item <paramref name="ItemId"/>.</summary>
public sealed record RealtimeAudio(string ItemId, ReadOnlyMemory<byte> Pcm16) : RealtimeEvent;

/// <summary>The vendor's VAD heard the caller start talking: stop playback now (barge-in).</summary>
public sealed record RealtimeSpeechStarted(TimeSpan AudioStart) : RealtimeEvent;

public sealed record RealtimeSpeechStopped(TimeSpan AudioEnd) : RealtimeEvent;

/// <summary>What was said: the caller's words (<see cref="ChatRole.User"/>) or the agent's (<see cref="ChatRole.Assistant"/>).</summary>
public sealed record RealtimeTranscript(ChatRole Role, string Text) : RealtimeEvent;

/// <summary>A complete function call; answer it with <see cref="IRealtimeSession.SendToolResultAsync"/>.</summary>
public sealed record RealtimeToolCall(ToolCall Call) : RealtimeEvent;

public sealed record RealtimeResponseDone(string? Status, int? InputTokens, int? OutputTokens) : RealtimeEvent;

/// <summary>An error event: most leave the session usable (the vendor says so), so it is reported, not thrown.</summary>
public sealed record RealtimeError(string? Code, string Message) : RealtimeEvent;

/// <summary>
/// Implemented by the provider factory next to <see cref="IProviderFactory"/>: which LLM kinds are speech-to-speech,
/// and their clients. (A separate interface so existing <see cref="IProviderFactory"/> implementations keep compiling.)
/// </summary>
public interface IRealtimeProviderFactory
{
    bool IsRealtime(string kind);

    IRealtimeClient CreateRealtime(ProviderSettings settings);
}
