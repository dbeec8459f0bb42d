using System.Buffers;
using BotPbx.Asterisk.AudioSocket;

namespace BotPbx.Asterisk.Tests.AudioSocket;

public sealed class AudioSocketFrameParserTests
{
    private const int MaxPayload = 16 * 1024;

    public static TheoryData<string, int, int, int, int> Captures => new()
    {
        // capture, audio kind, audio payload length, audio frames, DTMF frames
        { "audiosocket-609-caller-speech-dtmf-hangup", 0x10, 320, 125, 1 },
        { "audiosocket-609-server-sends-hangup", 0x10, 320, 25, 0 },
        { "audiosocket-ari-externalmedia", 0x10, 320, 78, 0 },
        { "audiosocket-ari-externalmedia-slin16", 0x12, 640, 50, 0 },
    };

    [Theory]
    [MemberData(nameof(Captures))]
    public void A_recorded_stream_is_a_uuid_frame_then_audio_and_dtmf(string capture, int kind, int length, int audioFrames, int dtmfFrames)
    {
        var frames = ParseAll(FixtureRecording.FromAsterisk(FixtureRecording.Load($"Fixtures/{capture}.jsonl")));

        Assert.Equal(AudioSocketKind.Uuid, frames[0].Kind);
        Assert.Equal(16, frames[0].Payload.Length);
        Assert.Equal(audioFrames, frames.Count(f => (int)f.Kind == kind && f.Payload.Length == length));
        Assert.Equal(dtmfFrames, frames.Count(f => f.Kind == AudioSocketKind.Dtmf));
        Assert.Equal(1 + audioFrames + dtmfFrames, frames.Count);
    }

    [Fact]
    public void The_dtmf_frame_carries_one_ascii_digit_in_the_middle_of_the_audio()
    {
        var frames = ParseAll(FixtureRecording.FromAsterisk(FixtureRecording.Load("Fixtures/audiosocket-609-caller-speech-dtmf-hangup.jsonl")));

        var dtmf = frames.Single(f => f.Kind == AudioSocketKind.Dtmf);
        Assert.Equal((byte)'1', dtmf.Payload.Single());
        Assert.Equal(81, frames.IndexOf(dtmf));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Every_frame_parses_the_same_when_split_at_any_byte(string capture, int kind, int length, int audioFrames, int dtmfFrames)
    {
        _ = (kind, length, audioFrames, dtmfFrames);
        var stream = FixtureRecording.FromAsterisk(FixtureRecording.Load($"Fixtures/{capture}.jsonl"));
        var frames = ParseAll(stream);
        var offset = 0;
        // Each frame with its successor, split at every byte: the cost stays linear in the capture's length.
        for (var i = 0; i < frames.Count; i++)
        {
            var size = 3 + frames[i].Payload.Length;
            var nextSize = i + 1 < frames.Count ? 3 + frames[i + 1].Payload.Length : 0;
            var pair = stream[offset..(offset + size + nextSize)];
            for (var split = 1; split < pair.Length; split++)
            {
                var parsed = ByteSplits.ParseInTwoReads<ParsedFrame>(pair, split, Parse);
                Assert.Equal(frames.Skip(i).Take(parsed.Count), parsed);
            }
            offset += size;
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x02, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x20, 0x00, 0x02, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x47, 0x45, 0x54 })]
    public void An_unknown_kind_is_a_protocol_error(byte[] bytes)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.Throws<AudioSocketProtocolException>(() => AudioSocketFrameParser.TryParse(ref buffer, MaxPayload, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x00, 0x0f })]
    [InlineData(new byte[] { 0x03, 0x00, 0x02 })]
    [InlineData(new byte[] { 0x10, 0x01, 0x41 })]
    [InlineData(new byte[] { 0x10, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x00, 0x00, 0x01 })]
    public void A_length_the_kind_does_not_allow_is_a_protocol_error(byte[] header)
    {
        var buffer = new ReadOnlySequence<byte>(header);

        Assert.Throws<AudioSocketProtocolException>(() => AudioSocketFrameParser.TryParse(ref buffer, MaxPayload, out _));
    }

    [Fact]
    public void An_oversized_frame_is_refused_from_its_header_before_the_payload_is_buffered()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0x10, 0xff, 0xfe });

        Assert.Throws<AudioSocketProtocolException>(() => AudioSocketFrameParser.TryParse(ref buffer, 8192, out _));
    }

    [Fact]
    public void An_incomplete_frame_asks_for_more_bytes_and_leaves_the_buffer_alone()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0x10, 0x01, 0x40, 0x00, 0x00 });

        Assert.False(AudioSocketFrameParser.TryParse(ref buffer, MaxPayload, out _));
        Assert.Equal(5, buffer.Length);
    }

    [Fact]
    public void A_written_frame_reads_back()
    {
        var bytes = new byte[3 + 320];
        var payload = Enumerable.Range(0, 320).Select(i => (byte)i).ToArray();

        var written = AudioSocketFrameParser.Write(bytes, AudioSocketKind.Slin8, payload);
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.Equal(323, written);
        Assert.Equal(new byte[] { 0x10, 0x01, 0x40 }, bytes[..3]);
        Assert.True(AudioSocketFrameParser.TryParse(ref buffer, MaxPayload, out var frame));
        Assert.Equal(payload, frame.Payload.ToArray());
    }

    [Theory]
    [InlineData(AudioSocketKind.Slin8, 320)]
    [InlineData(AudioSocketKind.Slin12, 480)]
    [InlineData(AudioSocketKind.Slin16, 640)]
    [InlineData(AudioSocketKind.Slin24, 960)]
    [InlineData(AudioSocketKind.Slin32, 1280)]
    [InlineData(AudioSocketKind.Slin44, 1764)]
    [InlineData(AudioSocketKind.Slin48, 1920)]
    [InlineData(AudioSocketKind.Slin96, 3840)]
    [InlineData(AudioSocketKind.Slin192, 7680)]
    public void Twenty_milliseconds_of_each_audio_kind_has_its_size(AudioSocketKind kind, int bytes)
    {
        Assert.Equal(bytes, AudioSocketFormats.BytesPer(kind, TimeSpan.FromMilliseconds(20)));
    }

    /// <summary>A frame with its payload copied, so it outlives the buffer it was parsed from and compares by value.</summary>
    internal sealed record ParsedFrame(AudioSocketKind Kind, byte[] Payload)
    {
        public bool Equals(ParsedFrame? other) => other is not null && Kind == other.Kind && Payload.AsSpan().SequenceEqual(other.Payload);

        public override int GetHashCode() => HashCode.Combine(Kind, Payload.Length);
    }

    private static List<ParsedFrame> ParseAll(byte[] stream) => ByteSplits.ParseInTwoReads<ParsedFrame>(stream, 0, Parse);

    private static bool Parse(ref ReadOnlySequence<byte> buffer, out ParsedFrame frame)
    {
        if (AudioSocketFrameParser.TryParse(ref buffer, MaxPayload, out var raw))
        {
            frame = new ParsedFrame(raw.Kind, raw.Payload.ToArray());
            return true;
        }
        frame = null!;
        return false;
    }
}
