using System.Buffers.Binary;

namespace BotPbx.Voice.Providers.Audio;

/// <summary>The format of a PCM WAV file: what the header says about its samples.</summary>
public readonly record struct WavFormat(int SampleRate, int Channels, int BitsPerSample);

/// <summary>
/// RIFF/WAVE for the vendors that speak it: Whisper-style servers want a WAV upload, Piper answers with one, Google
/// wraps LINEAR16 in one. Only 16-bit integer PCM (format tag 1) is accepted; anything else is a protocol error.
/// </summary>
public static class Wav
{
    public const int HeaderSize = 44;

    private const ushort PcmFormat = 1;
    private const ushort ExtensibleFormat = 0xFFFE;

    /// <summary>A canonical 44-byte header followed by the samples (mono, 16-bit).</summary>
    public static byte[] Build(ReadOnlySpan<byte> pcm16, int sampleRate)
    {
        var wav = new byte[HeaderSize + pcm16.Length];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + pcm16.Length));
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], PcmFormat);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(sampleRate * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)pcm16.Length);
        pcm16.CopyTo(span[HeaderSize..]);
        return wav;
    }

    /// <summary>
    /// Reads the header at the start of <paramref name="buffer"/>. False = need more bytes. Throws
    /// <see cref="FormatException"/> when it is not 16-bit PCM WAV. Chunks before "data" (LIST, fact) are skipped;
    /// the data size is not trusted (streamed WAVs say 0 or 0xFFFFFFFF), the samples run to the end.
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> buffer, out WavFormat format, out int dataOffset)
    {
        format = default;
        dataOffset = 0;
        if (buffer.Length < 12) return false;
        if (!buffer[..4].SequenceEqual("RIFF"u8) || !buffer[8..12].SequenceEqual("WAVE"u8)) throw new FormatException("Not a RIFF/WAVE file.");
        var offset = 12;
        WavFormat? found = null;
        while (true)
        {
            if (buffer.Length < offset + 8) return false;
            var id = buffer.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(buffer[(offset + 4)..]);
            if (id.SequenceEqual("data"u8))
            {
                format = found ?? throw new FormatException("The WAV data chunk comes before its fmt chunk.");
                dataOffset = offset + 8;
                return true;
            }
            if (size > 1 << 20) throw new FormatException("A WAV header chunk is implausibly large.");
            var next = offset + 8 + (int)size + (int)(size & 1); // chunks are padded to even sizes
            if (buffer.Length < next) return false;
            if (id.SequenceEqual("fmt "u8)) found = ReadFormat(buffer.Slice(offset + 8, (int)size));
            offset = next;
        }
    }

    private static WavFormat ReadFormat(ReadOnlySpan<byte> fmt)
    {
        if (fmt.Length < 16) throw new FormatException("The WAV fmt chunk is too short.");
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var format = new WavFormat(
            (int)BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]),
            BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]),
            BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]));
        if ((tag != PcmFormat && tag != ExtensibleFormat) || format.BitsPerSample != 16)
        {
            throw new FormatException($"The WAV is not 16-bit PCM (format {tag}, {format.BitsPerSample} bits).");
        }
        if (format.Channels != 1) throw new FormatException($"The WAV has {format.Channels} channels; mono was expected.");
        if (format.SampleRate is < 1000 or > 384_000) throw new FormatException($"The WAV's sample rate {format.SampleRate} is implausible.");
        return format;
    }
}
