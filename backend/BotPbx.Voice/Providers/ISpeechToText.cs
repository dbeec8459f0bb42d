namespace BotPbx.Voice.Providers;

/// <summary>One speech-to-text vendor or engine. A session lives for one call (or one utterance for batch engines).</summary>
public interface ISpeechToText
{
    /// <summary>Whether results arrive while audio is still being sent (Deepgram, pocketsphinx) or only after <see cref="ISttSession.CompleteAsync"/> (Whisper HTTP).</summary>
    bool IsStreaming { get; }

    Task<ISttSession> StartAsync(SttOptions options, CancellationToken cancellationToken);
}

/// <summary>Audio is signed 16-bit little-endian mono PCM at <see cref="SampleRate"/> Hz.</summary>
public sealed record SttOptions(int SampleRate, string Language, string? Model = null);

public interface ISttSession : IAsyncDisposable
{
    ValueTask SendAsync(ReadOnlyMemory<byte> pcm16, CancellationToken cancellationToken);

    /// <summary>The caller stopped talking (end of turn): flush, so the final result of this utterance arrives.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);

    /// <summary>Interim and final transcripts, in order; ends when the session is disposed.</summary>
    IAsyncEnumerable<SttResult> ResultsAsync(CancellationToken cancellationToken);
}

public sealed record SttResult(string Text, bool IsFinal, double? Confidence = null);
