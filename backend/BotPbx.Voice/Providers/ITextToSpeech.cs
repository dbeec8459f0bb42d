namespace BotPbx.Voice.Providers;

/// <summary>One text-to-speech vendor or engine.</summary>
public interface ITextToSpeech
{
    /// <summary>
    /// Speaks <see cref="TtsRequest.Text"/> as signed 16-bit little-endian mono PCM at <see cref="TtsRequest.SampleRate"/>,
    /// in chunks as they arrive (the first chunk as early as the vendor allows). Chunk sizes are arbitrary.
    /// </summary>
    IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(TtsRequest request, CancellationToken cancellationToken);
}

public sealed record TtsRequest(string Text, string? Voice, double Speed, int SampleRate);
