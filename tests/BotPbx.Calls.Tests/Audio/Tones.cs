namespace BotPbx.Calls.Tests.Audio;

/// <summary>Test tones and what a recording holds: each party of a call plays its own frequency, and a recording
/// "heard" a party when that frequency stands out in it (Goertzel power against the recording's total power).</summary>
public static class Tones
{
    public static short[] Sine(double hz, TimeSpan length, double amplitude = 8000)
    {
        var samples = new short[(int)(length.TotalSeconds * Wav.SampleRate)];
        for (var i = 0; i < samples.Length; i++) samples[i] = (short)(amplitude * Math.Sin(2 * Math.PI * hz * i / Wav.SampleRate));
        return samples;
    }

    /// <summary>Root-mean-square level of the samples (0 = digital silence; speech and tones are in the thousands).</summary>
    public static double Rms(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty) return 0;
        double sum = 0;
        foreach (var s in samples) sum += (double)s * s;
        return Math.Sqrt(sum / samples.Length);
    }

    /// <summary>
    /// The share of 100 ms windows in which <paramref name="hz"/> carries most of the window's energy: 0 when the
    /// tone was never heard, near 1 when it was heard throughout.
    /// </summary>
    public static double Presence(ReadOnlySpan<short> samples, double hz)
    {
        const int window = Wav.SampleRate / 10;
        int windows = 0, present = 0;
        for (var start = 0; start + window <= samples.Length; start += window)
        {
            var slice = samples.Slice(start, window);
            var rms = Rms(slice);
            windows++;
            if (rms < 100) continue;
            // Goertzel: power at one frequency. For a pure sine of level rms, power/(N²·rms²/4) ≈ 1·2 = 2.
            var relative = GoertzelPower(slice, hz) / (window * (double)window * rms * rms / 4);
            if (relative > 0.3) present++;
        }
        return windows == 0 ? 0 : (double)present / windows;
    }

    public static bool Heard(ReadOnlySpan<short> samples, double hz) => Presence(samples, hz) > 0.1;

    private static double GoertzelPower(ReadOnlySpan<short> samples, double hz)
    {
        var k = 2 * Math.Cos(2 * Math.PI * hz / Wav.SampleRate);
        double s1 = 0, s2 = 0;
        foreach (var x in samples)
        {
            var s0 = x + k * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - k * s1 * s2;
    }

    /// <summary>Where sound starts: the offset of the first 20 ms frame louder than <paramref name="threshold"/>.</summary>
    public static TimeSpan? FirstSound(ReadOnlySpan<short> samples, double threshold = 300)
    {
        const int frame = Wav.SampleRate / 50;
        for (var start = 0; start + frame <= samples.Length; start += frame)
        {
            if (Rms(samples.Slice(start, frame)) > threshold) return TimeSpan.FromSeconds((double)start / Wav.SampleRate);
        }
        return null;
    }
}
