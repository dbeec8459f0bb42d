using BotPbx.Voice.Audio;

namespace BotPbx.Voice.Tests.Audio;

public sealed class Pcm16Tests
{
    [Fact]
    public void Resampling_keeps_the_duration_and_the_tone()
    {
        var tone = Tone(440, 8_000, 8_000);

        var up = Pcm16.Resample(tone, 8_000, 16_000);
        var back = Pcm16.Resample(up, 16_000, 8_000);

        Assert.Equal(tone.Length * 2, up.Length);
        Assert.Equal(tone.Length, back.Length);
        Assert.InRange(Pcm16.Rms(up), Pcm16.Rms(tone) * 0.95, Pcm16.Rms(tone) * 1.05);
        Assert.InRange(Pcm16.Rms(back), Pcm16.Rms(tone) * 0.9, Pcm16.Rms(tone) * 1.05);
    }

    [Fact]
    public void Downsampling_attenuates_what_the_lower_rate_cannot_carry()
    {
        // 7 kHz cannot exist at 8 kHz (Nyquist 4 kHz); without a low-pass it would alias to 1 kHz at full strength.
        var high = Tone(7_000, 16_000, 16_000);

        var down = Pcm16.Resample(high, 16_000, 8_000);

        Assert.True(Pcm16.Rms(down) < Pcm16.Rms(high) * 0.5);
    }

    [Fact]
    public void Equal_rates_copy()
    {
        var tone = Tone(440, 8_000, 800);
        Assert.Equal(tone, Pcm16.Resample(tone, 8_000, 8_000));
    }

    internal static byte[] Tone(double frequency, int rate, int samples, double amplitude = 8_000)
    {
        var s = new short[samples];
        for (var i = 0; i < samples; i++) s[i] = (short)(amplitude * Math.Sin(2 * Math.PI * frequency * i / rate));
        return Pcm16.ToBytes(s);
    }
}
