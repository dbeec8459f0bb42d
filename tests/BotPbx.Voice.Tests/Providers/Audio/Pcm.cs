namespace BotPbx.Voice.Tests.Providers.Audio;

/// <summary>Test signals and measurements on 16-bit little-endian mono PCM.</summary>
internal static class Pcm
{
    public static byte[] Tone(double hz, int sampleRate, double seconds, double amplitude = 8000)
    {
        var n = (int)(sampleRate * seconds);
        var bytes = new byte[n * 2];
        for (var i = 0; i < n; i++)
        {
            var sample = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * hz * i / sampleRate));
            bytes[2 * i] = (byte)sample;
            bytes[2 * i + 1] = (byte)(sample >> 8);
        }
        return bytes;
    }

    public static short[] Samples(ReadOnlySpan<byte> pcm)
    {
        var samples = new short[pcm.Length / 2];
        for (var i = 0; i < samples.Length; i++) samples[i] = (short)(pcm[2 * i] | (pcm[2 * i + 1] << 8));
        return samples;
    }

    /// <summary>RMS of the middle of the signal (the edges carry the filter's ramp).</summary>
    public static double Rms(ReadOnlySpan<byte> pcm)
    {
        var samples = Samples(pcm);
        var middle = samples.AsSpan(samples.Length / 4, samples.Length / 2);
        double sum = 0;
        foreach (var s in middle) sum += (double)s * s;
        return Math.Sqrt(sum / middle.Length);
    }

    /// <summary>Power at one frequency (Goertzel), normalised by length: which tone a signal holds.</summary>
    public static double PowerAt(ReadOnlySpan<byte> pcm, double hz, int sampleRate)
    {
        var samples = Samples(pcm);
        var coefficient = 2 * Math.Cos(2 * Math.PI * hz / sampleRate);
        double s1 = 0, s2 = 0;
        foreach (var x in samples)
        {
            var s0 = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / samples.Length;
    }
}
