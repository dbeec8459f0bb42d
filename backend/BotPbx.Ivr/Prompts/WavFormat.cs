using System.Buffers.Binary;

namespace BotPbx.Ivr.Prompts;

/// <summary>Reads the fmt chunk of a RIFF/WAVE file, to tell whether Asterisk can play it as it is (8 kHz, mono, 16-bit PCM).</summary>
internal static class WavFormat
{
    public static bool IsTelephonyPcm(string path)
    {
        Span<byte> header = stackalloc byte[36];
        using var file = File.OpenRead(path);
        if (file.Read(header) < header.Length) return false;
        if (!header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8) || !header[12..16].SequenceEqual("fmt "u8)) return false;
        var audioFormat = BinaryPrimitives.ReadUInt16LittleEndian(header[20..]);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(header[22..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(header[24..]);
        var bitsPerSample = BinaryPrimitives.ReadUInt16LittleEndian(header[34..]);
        return audioFormat == 1 && channels == 1 && sampleRate == 8000 && bitsPerSample == 16;
    }
}
