using BotPbx.Voice.Providers.Audio;

namespace BotPbx.Voice.Tests.Providers.Audio;

public sealed class PcmResamplerTests
{
    [Theory]
    [InlineData(24_000, 8_000)]
    [InlineData(8_000, 24_000)]
    [InlineData(22_050, 16_000)]
    [InlineData(16_000, 8_000)]
    [InlineData(44_100, 8_000)]
    public void One_second_in_is_one_second_out(int from, int to)
    {
        var output = PcmResampler.Resample(Pcm.Tone(300, from, 1.0), from, to);

        Assert.InRange(output.Length / 2, to - 1, to + 1);
    }

    [Theory]
    [InlineData(24_000, 8_000)]
    [InlineData(8_000, 24_000)]
    [InlineData(22_050, 8_000)]
    [InlineData(16_000, 16_000)]
    public void A_speech_band_tone_keeps_its_pitch_and_loudness(int from, int to)
    {
        var input = Pcm.Tone(440, from, 0.5);

        var output = PcmResampler.Resample(input, from, to);

        Assert.InRange(Pcm.Rms(output) / Pcm.Rms(input), 0.97, 1.03);
        Assert.True(Pcm.PowerAt(output, 440, to) > 100 * Pcm.PowerAt(output, 1000, to));
    }

    [Fact]
    public void Going_down_to_8kHz_removes_what_8kHz_cannot_hold_instead_of_folding_it_back()
    {
        // 6 kHz is above the 4 kHz Nyquist of a phone call; naive decimation would turn it into a loud 2 kHz whistle.
        var output = PcmResampler.Resample(Pcm.Tone(6000, 24_000, 0.5), 24_000, 8_000);

        Assert.True(Pcm.Rms(output) < 8000 * 0.707 * 0.02, $"rms {Pcm.Rms(output)}");
    }

    [Fact]
    public void Chunks_split_at_any_byte_give_the_same_samples_as_one_buffer()
    {
        var input = Pcm.Tone(700, 24_000, 0.02);
        var whole = PcmResampler.Resample(input, 24_000, 8_000);

        for (var split = 1; split < input.Length; split++)
        {
            var resampler = new PcmResampler(24_000, 8_000);
            byte[] pieces = [.. resampler.Process(input.AsSpan(0, split)), .. resampler.Process(input.AsSpan(split)), .. resampler.Flush()];
            Assert.Equal(whole, pieces);
        }
    }

    [Fact]
    public void Tiny_chunks_of_one_byte_each_still_stream_out()
    {
        var input = Pcm.Tone(500, 8_000, 0.1);
        var resampler = new PcmResampler(8_000, 24_000);
        var output = new List<byte>();
        foreach (var b in input) output.AddRange(resampler.Process([b]));
        var beforeFlush = output.Count;
        output.AddRange(resampler.Flush());

        Assert.True(beforeFlush > 0);
        Assert.Equal(PcmResampler.Resample(input, 8_000, 24_000), output);
    }

    [Fact]
    public void Equal_rates_pass_samples_through_untouched_even_across_odd_chunks()
    {
        var input = Pcm.Tone(500, 16_000, 0.01);
        var resampler = new PcmResampler(16_000, 16_000);

        byte[] output = [.. resampler.Process(input.AsSpan(0, 3)), .. resampler.Process(input.AsSpan(3)), .. resampler.Flush()];

        Assert.Equal(input, output);
    }
}
