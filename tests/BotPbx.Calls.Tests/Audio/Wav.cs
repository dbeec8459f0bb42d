using System.Buffers.Binary;

namespace BotPbx.Calls.Tests.Audio;

/// <summary>16-bit mono PCM WAV files at 8 kHz: what baresip sends and records, and what sox and flite make.</summary>
public static class Wav
{
    public const int SampleRate = 8000;

    public static void Write(string path, ReadOnlySpan<short> samples, int sampleRate = SampleRate)
    {
        var data = samples.Length * 2;
        var bytes = new byte[44 + data];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 36 + data);
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(34), 16);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), data);
        for (var i = 0; i < samples.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44 + i * 2), samples[i]);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Reads the samples of a 16-bit mono WAV, walking its chunks (sox and baresip write different headers).</summary>
    public static short[] Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || !bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !bytes.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException(path + " is not a WAV file (yet)");
        }
        var offset = 12;
        var bitsPerSample = 16;
        while (offset + 8 <= bytes.Length)
        {
            var id = bytes.AsSpan(offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            if (id.SequenceEqual("fmt "u8)) bitsPerSample = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(offset + 22));
            if (id.SequenceEqual("data"u8))
            {
                if (bitsPerSample != 16) throw new InvalidDataException(path + " is not 16-bit PCM");
                // A recorder that was killed never wrote the size: take what is there.
                var length = size <= 0 || offset + 8 + size > bytes.Length ? bytes.Length - offset - 8 : size;
                var samples = new short[length / 2];
                for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(offset + 8 + i * 2));
                return samples;
            }
            offset += 8 + size + (size & 1);
        }
        throw new InvalidDataException(path + " has no data chunk");
    }
}
