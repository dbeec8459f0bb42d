using System.Buffers.Binary;

namespace BotPbx.TestSupport.Audio;

/// <summary>
/// A RIFF/WAVE file read chunk by chunk (fmt and data, skipping any other), for tests that check what Asterisk would
/// play: the format, and that there is sound in it rather than silence.
/// </summary>
public sealed record WavFile(int Format, int Channels, int SampleRate, int BitsPerSample, short[] Samples)
{
    /// <summary>8 kHz, mono, 16-bit PCM: what Asterisk plays without transcoding.</summary>
    public bool IsTelephony => Format == 1 && Channels == 1 && SampleRate == 8000 && BitsPerSample == 16;

    public double Seconds => SampleRate == 0 ? 0 : (double)Samples.Length / SampleRate;

    /// <summary>Root mean square of the samples, in 16-bit units (silence ≈ 0; speech is in the hundreds or more).</summary>
    public double Rms => Samples.Length == 0 ? 0 : Math.Sqrt(Samples.Sum(s => (double)s * s) / Samples.Length);

    public static WavFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path).AsSpan();
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8))
            throw new InvalidDataException($"{path} is not RIFF/WAVE");
        int format = 0, channels = 0, rate = 0, bits = 0;
        short[]? samples = null;
        for (var at = 12; at + 8 <= bytes.Length;)
        {
            var id = bytes.Slice(at, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(at + 4)..]);
            var body = bytes.Slice(at + 8, Math.Min(size, bytes.Length - at - 8));
            if (id.SequenceEqual("fmt "u8))
            {
                format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
            }
            else if (id.SequenceEqual("data"u8) && bits == 16)
            {
                samples = new short[body.Length / 2];
                for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(i * 2)..]);
            }
            at += 8 + size + (size & 1);
        }
        return new WavFile(format, channels, rate, bits, samples ?? []);
    }
}
