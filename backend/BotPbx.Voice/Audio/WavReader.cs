using System.Buffers.Binary;

namespace BotPbx.Voice.Audio;

/// <summary>The PCM inside a RIFF WAVE file (what flite writes): 16-bit mono samples and their rate.</summary>
public static class WavReader
{
    /// <summary>Finds the fmt and data chunks; throws <see cref="InvalidDataException"/> for anything but 16-bit mono PCM.</summary>
    public static (int SampleRate, ReadOnlyMemory<byte> Pcm) Read(ReadOnlyMemory<byte> wav)
    {
        var span = wav.Span;
        if (span.Length < 12 || !span[..4].SequenceEqual("RIFF"u8) || !span[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("Not a RIFF WAVE file.");
        }
        int? rate = null;
        var at = 12;
        while (at + 8 <= span.Length)
        {
            var id = span.Slice(at, 4);
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(span[(at + 4)..]), (uint)(span.Length - at - 8));
            var body = span.Slice(at + 8, size);
            if (id.SequenceEqual("fmt "u8))
            {
                var format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                var channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
                if (format != 1 || channels != 1 || bits != 16) throw new InvalidDataException($"Expected 16-bit mono PCM, got format {format}, {channels} channels, {bits} bits.");
                rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (rate is not { } r) throw new InvalidDataException("The data chunk came before the fmt chunk.");
                return (r, wav.Slice(at + 8, size & ~1));
            }
            at += 8 + size + (size & 1);
        }
        throw new InvalidDataException("No data chunk.");
    }
}
