namespace BotPbx.Voice.Providers.Audio;

/// <summary>
/// Converts a stream of 16-bit little-endian mono PCM from one sample rate to another (24 kHz OpenAI audio to the
/// call's 8 kHz, 22.05 kHz Piper voices to 16 kHz…). A windowed-sinc polyphase filter: the rate ratio is reduced to
/// L/M, each output sample is a dot product with one of L precomputed phases, and when going down the cut-off follows
/// the lower rate so nothing above the new Nyquist folds back as aliasing (plain linear interpolation from 24 kHz to
/// 8 kHz puts audible hiss into a phone call). Stateful: chunks of any size, odd bytes included, give the same samples
/// as one big buffer; <see cref="Flush"/> returns the tail the filter still holds. Not thread-safe: one per stream.
/// </summary>
public sealed class PcmResampler
{
    /// <summary>Zero crossings of the sinc on each side: 8 keeps the stop band below ~-60 dB with a Blackman window.</summary>
    private const int ZeroCrossings = 8;

    private readonly int _up;
    private readonly int _down;
    private readonly int _halfWidth;
    private readonly float[][] _phases;
    private float[] _buffer = new float[1024];
    private int _count;
    private long _bufferStart;
    private long _inputTotal;
    private long _nextOutput;
    private int _pendingByte = -1;

    public PcmResampler(int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        FromRate = fromRate;
        ToRate = toRate;
        var gcd = Gcd(fromRate, toRate);
        _up = toRate / gcd;
        _down = fromRate / gcd;
        var cutoff = Math.Min(1.0, (double)_up / _down);
        _halfWidth = (int)Math.Ceiling(ZeroCrossings / cutoff);
        _phases = IsPassThrough ? [] : BuildPhases(_up, _halfWidth, cutoff);
        // The filter looks _halfWidth samples back: before the first sample there is silence.
        _count = _halfWidth;
        _bufferStart = -_halfWidth;
    }

    public int FromRate { get; }

    public int ToRate { get; }

    private bool IsPassThrough => _up == _down;

    /// <summary>One-shot conversion of a whole buffer.</summary>
    public static byte[] Resample(ReadOnlySpan<byte> pcm16, int fromRate, int toRate)
    {
        var resampler = new PcmResampler(fromRate, toRate);
        var head = resampler.Process(pcm16);
        var tail = resampler.Flush();
        return tail.Length == 0 ? head : [.. head, .. tail];
    }

    /// <summary>Feeds samples; returns the output samples that are complete so far (possibly none).</summary>
    public byte[] Process(ReadOnlySpan<byte> pcm16)
    {
        if (pcm16.IsEmpty) return [];
        var samples = TakeWholeSamples(pcm16);
        if (IsPassThrough) return samples;
        Append(samples);
        return Produce(final: false);
    }

    /// <summary>The end of the stream: returns the last samples (the filter's look-ahead is padded with silence).</summary>
    public byte[] Flush()
    {
        _pendingByte = -1;
        if (IsPassThrough) return [];
        var total = _inputTotal;
        Append(new byte[(_halfWidth + 1) * 2]);
        _inputTotal = total;
        return Produce(final: true);
    }

    private byte[] TakeWholeSamples(ReadOnlySpan<byte> pcm16)
    {
        byte[] bytes;
        if (_pendingByte >= 0)
        {
            bytes = new byte[pcm16.Length + 1];
            bytes[0] = (byte)_pendingByte;
            pcm16.CopyTo(bytes.AsSpan(1));
        }
        else
        {
            bytes = pcm16.ToArray();
        }
        _pendingByte = bytes.Length % 2 == 1 ? bytes[^1] : -1;
        return bytes.Length % 2 == 1 ? bytes[..^1] : bytes;
    }

    private void Append(ReadOnlySpan<byte> samples)
    {
        var n = samples.Length / 2;
        if (_count + n > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + n));
        for (var i = 0; i < n; i++) _buffer[_count + i] = (short)(samples[2 * i] | (samples[2 * i + 1] << 8));
        _count += n;
        _inputTotal += n;
    }

    private byte[] Produce(bool final)
    {
        var available = _bufferStart + _count; // absolute index one past the last buffered sample
        var output = new List<byte>();
        while (true)
        {
            var position = _nextOutput * _down;
            var center = position / _up;
            if (final ? center >= _inputTotal : center + _halfWidth >= available) break;
            var taps = _phases[(int)(position % _up)];
            var first = (int)(center - _halfWidth + 1 - _bufferStart);
            var sum = 0f;
            for (var k = 0; k < taps.Length; k++) sum += taps[k] * _buffer[first + k];
            var sample = (short)Math.Clamp(MathF.Round(sum), short.MinValue, short.MaxValue);
            output.Add((byte)sample);
            output.Add((byte)(sample >> 8));
            _nextOutput++;
        }
        Discard(_nextOutput * _down / _up - _halfWidth + 1);
        return [.. output];
    }

    /// <summary>Forgets samples before <paramref name="keepFrom"/> (absolute index): no output needs them any more.</summary>
    private void Discard(long keepFrom)
    {
        var drop = (int)Math.Clamp(keepFrom - _bufferStart, 0, _count);
        if (drop == 0) return;
        Array.Copy(_buffer, drop, _buffer, 0, _count - drop);
        _count -= drop;
        _bufferStart += drop;
    }

    /// <summary>For phase p (output position p/L past an input sample), the 2W taps over inputs center-W+1 … center+W.</summary>
    private static float[][] BuildPhases(int up, int halfWidth, double cutoff)
    {
        var phases = new float[up][];
        for (var p = 0; p < up; p++)
        {
            var taps = new double[2 * halfWidth];
            var fraction = (double)p / up;
            for (var k = 0; k < taps.Length; k++)
            {
                var distance = k - halfWidth + 1 - fraction;
                taps[k] = cutoff * Sinc(cutoff * distance) * Blackman(distance / halfWidth);
            }
            var gain = taps.Sum();
            phases[p] = taps.Select(t => (float)(t / gain)).ToArray(); // unity gain at DC for every phase
        }
        return phases;
    }

    private static double Sinc(double x) => Math.Abs(x) < 1e-9 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

    /// <summary>The Blackman window over [-1, 1].</summary>
    private static double Blackman(double x) =>
        Math.Abs(x) >= 1 ? 0 : 0.42 + 0.5 * Math.Cos(Math.PI * x) + 0.08 * Math.Cos(2 * Math.PI * x);

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
