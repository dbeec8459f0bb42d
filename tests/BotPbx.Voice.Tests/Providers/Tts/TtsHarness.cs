using BotPbx.Voice.Providers;

namespace BotPbx.Voice.Tests.Providers.Tts;

internal static class TtsHarness
{
    public static async Task<byte[]> AllAudio(ITextToSpeech tts, TtsRequest request, CancellationToken cancellationToken = default)
    {
        var all = new List<byte>();
        await foreach (var chunk in tts.SynthesizeAsync(request, cancellationToken)) all.AddRange(chunk.ToArray());
        return [.. all];
    }

    /// <summary>Writes <paramref name="audio"/> in <paramref name="pieces"/> flushed HTTP chunks, the way a vendor streams.</summary>
    public static async Task StreamInPieces(Microsoft.AspNetCore.Http.HttpResponse response, byte[] audio, int pieces)
    {
        var size = (audio.Length + pieces - 1) / pieces;
        for (var offset = 0; offset < audio.Length; offset += size)
        {
            await LoopbackServer.WriteFlushedAsync(response, audio.AsMemory(offset, Math.Min(size, audio.Length - offset)));
        }
    }
}
