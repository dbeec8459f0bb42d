using System.Buffers.Binary;
using BotPbx.Voice.Providers.Audio;

namespace BotPbx.Voice.Tests.Providers.Audio;

public sealed class WavTests
{
    [Fact]
    public void A_built_wav_reads_back_as_mono_16_bit_with_its_rate()
    {
        var pcm = Pcm.Tone(440, 8_000, 0.01);

        var wav = Wav.Build(pcm, 8_000);

        Assert.True(Wav.TryReadHeader(wav, out var format, out var offset));
        Assert.Equal((new WavFormat(8_000, 1, 16), Wav.HeaderSize), (format, offset));
        Assert.Equal(pcm, wav[offset..]);
        Assert.Equal(36 + pcm.Length, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(4)));
    }

    [Fact]
    public void A_header_split_at_any_byte_asks_for_more_until_the_data_chunk_starts()
    {
        var wav = WithListChunk(Wav.Build(new byte[10], 22_050));

        for (var length = 0; length < wav.Length - 10; length++)
        {
            Assert.False(Wav.TryReadHeader(wav.AsSpan(0, length), out _, out _), $"length {length}");
        }
        Assert.True(Wav.TryReadHeader(wav, out var format, out var offset));
        Assert.Equal((22_050, wav.Length - 10), (format.SampleRate, offset));
    }

    [Theory]
    [InlineData(8, 1)]
    [InlineData(16, 2)]
    public void Anything_but_16_bit_mono_is_refused(int bits, int channels)
    {
        var wav = Wav.Build(new byte[4], 16_000);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(34), (ushort)bits);

        Assert.Throws<FormatException>(() => Wav.TryReadHeader(wav, out _, out _));
    }

    [Fact]
    public void Bytes_that_are_not_riff_are_refused()
    {
        Assert.Throws<FormatException>(() => Wav.TryReadHeader("<html><body>502</body></html>"u8, out _, out _));
    }

    /// <summary>Piper's and sox's WAVs may carry a LIST chunk between fmt and data.</summary>
    private static byte[] WithListChunk(byte[] wav)
    {
        byte[] list = [.. "LIST"u8, 4, 0, 0, 0, .. "INFO"u8];
        return [.. wav[..36], .. list, .. wav[36..]];
    }
}
