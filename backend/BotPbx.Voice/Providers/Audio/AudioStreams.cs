using System.Runtime.CompilerServices;

namespace BotPbx.Voice.Providers.Audio;

/// <summary>Turns a vendor's audio body (raw PCM or a WAV) into chunks at the rate the call asked for, as bytes arrive.</summary>
internal static class AudioStreams
{
    private const int ReadSize = 4096;

    /// <summary>Raw 16-bit PCM at <paramref name="fromRate"/> (ElevenLabs pcm_*, OpenAI's pcm), resampled to <paramref name="toRate"/>.</summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> PcmAsync(Stream body, int fromRate, int toRate, string provider,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var resampler = new PcmResampler(fromRate, toRate);
        var buffer = new byte[ReadSize];
        while (await ReadAsync(body, buffer, provider, cancellationToken).ConfigureAwait(false) is var read and > 0)
        {
            var chunk = resampler.Process(buffer.AsSpan(0, read));
            if (chunk.Length > 0) yield return chunk;
        }
        var tail = resampler.Flush();
        if (tail.Length > 0) yield return tail;
    }

    /// <summary>A WAV (Piper's answer): the header is read first, then the samples stream through the resampler.</summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> WavAsync(Stream body, int toRate, string provider,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var header = new List<byte>();
        var buffer = new byte[ReadSize];
        WavFormat format;
        int dataOffset;
        while (true)
        {
            var read = await ReadAsync(body, buffer, provider, cancellationToken).ConfigureAwait(false);
            if (read == 0) throw VendorHttp.Cut(provider, "WAV header");
            header.AddRange(buffer.AsSpan(0, read));
            try
            {
                if (Wav.TryReadHeader(header.ToArray(), out format, out dataOffset)) break;
            }
            catch (FormatException e)
            {
                throw VendorHttp.Malformed(provider, "WAV", e);
            }
            if (header.Count > 1 << 16) throw VendorHttp.Malformed(provider, "WAV (no data chunk in its first 64 KiB)");
        }
        var resampler = new PcmResampler(format.SampleRate, toRate);
        var first = resampler.Process(header.ToArray().AsSpan(dataOffset));
        if (first.Length > 0) yield return first;
        while (await ReadAsync(body, buffer, provider, cancellationToken).ConfigureAwait(false) is var read and > 0)
        {
            var chunk = resampler.Process(buffer.AsSpan(0, read));
            if (chunk.Length > 0) yield return chunk;
        }
        var tail = resampler.Flush();
        if (tail.Length > 0) yield return tail;
    }

    /// <summary>A read whose transport failure (the connection cut mid-body) becomes the provider's own exception.</summary>
    private static async ValueTask<int> ReadAsync(Stream body, byte[] buffer, string provider, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw VendorHttp.Cut(provider, "audio stream", e);
        }
    }
}
