using System.Buffers.Binary;

namespace BotPbx.Voice.Audio;

/// <summary>
/// Signed 16-bit little-endian mono PCM: the one audio format inside the pipeline (AudioSocket's, and what every
/// provider is asked for). Resampling is done here rather than with sox so a turn spawns no extra process; for speech
/// between 8, 16 and 24 kHz linear interpolation after a short box low-pass when the rate drops is good enough (the
/// phone network band-limits to 3.4 kHz anyway).
/// </summary>
public static class Pcm16
{
    public static short[] ToSamples(ReadOnlySpan<byte> pcm)
    {
        var samples = new short[pcm.Length / 2];
        for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm[(2 * i)..]);
        return samples;
    }

    public static byte[] ToBytes(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        return bytes;
    }

    /// <summary>Root mean square of the samples in <paramref name="pcm"/> (0 for none): the loudness VAD compares.</summary>
    public static double Rms(ReadOnlySpan<byte> pcm)
    {
        var count = pcm.Length / 2;
        if (count == 0) return 0;
        double sum = 0;
        for (var i = 0; i < count; i++)
        {
            double s = BinaryPrimitives.ReadInt16LittleEndian(pcm[(2 * i)..]);
            sum += s * s;
        }
        return Math.Sqrt(sum / count);
    }

    /// <summary>The same audio at another rate; the input when the rates are equal.</summary>
    public static byte[] Resample(ReadOnlySpan<byte> pcm, int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        if (fromRate == toRate) return pcm.ToArray();
        var input = ToSamples(pcm);
        if (toRate < fromRate) input = LowPass(input, (fromRate + toRate - 1) / toRate);
        var outputLength = (int)((long)input.Length * toRate / fromRate);
        var output = new short[outputLength];
        var step = (double)fromRate / toRate;
        for (var i = 0; i < outputLength; i++)
        {
            var position = i * step;
            var left = (int)position;
            var right = Math.Min(left + 1, input.Length - 1);
            var fraction = position - left;
            output[i] = (short)Math.Round(input[left] + ((input[right] - input[left]) * fraction));
        }
        return ToBytes(output);
    }

    /// <summary>A moving average over <paramref name="width"/> samples: enough anti-aliasing for speech before decimation.</summary>
    private static short[] LowPass(short[] input, int width)
    {
        if (width <= 1) return input;
        var output = new short[input.Length];
        long sum = 0;
        for (var i = 0; i < input.Length; i++)
        {
            sum += input[i];
            if (i >= width) sum -= input[i - width];
            output[i] = (short)(sum / Math.Min(i + 1, width));
        }
        return output;
    }
}
