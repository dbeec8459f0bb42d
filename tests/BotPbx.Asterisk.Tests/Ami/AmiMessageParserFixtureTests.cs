using System.Buffers;
using BotPbx.Asterisk.Ami;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>The parser against every recorded AMI stream, however TCP happens to cut it.</summary>
public sealed class AmiMessageParserFixtureTests
{
    public static TheoryData<string> Fixtures => [.. AmiFixture.AmiNames];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_message_split_at_every_byte_boundary_parses_to_the_same_fields(string name)
    {
        var stream = AmiFixture.Load(name).MessageBytes;
        var reference = ParseWithOffsets(stream);
        Assert.NotEmpty(reference);

        foreach (var (expected, start, end) in reference)
        {
            for (var cut = start + 1; cut < end; cut++)
            {
                // Only the bytes before the cut have arrived: not yet a message, nothing consumed, no error.
                var partial = AmiSequence.Of(stream.AsMemory(start, cut - start));
                Assert.False(AmiMessageParser.TryParse(ref partial, AmiParse.MaxSize, out _), $"{name}: complete at {cut - start} of {end - start} bytes");

                // Both reads are in: the same message as from one contiguous buffer, and nothing left over.
                var whole = AmiSequence.Of(stream.AsMemory(start, cut - start), stream.AsMemory(cut, end - cut));
                Assert.True(AmiMessageParser.TryParse(ref whole, AmiParse.MaxSize, out var actual), $"{name}: split at {cut - start}");
                AssertSameMessage(expected, actual);
                Assert.True(whole.IsEmpty);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_chunks_as_recorded_parse_to_the_same_messages_as_one_buffer(string name)
    {
        var fixture = AmiFixture.Load(name);
        var buffer = AmiSequence.Of([.. fixture.FromAsteriskChunks.Select(c => (ReadOnlyMemory<byte>)c)]);
        Assert.True(AmiMessageParser.TryParseBanner(ref buffer, out var version));
        Assert.Equal("11.0.0", version);

        var messages = new List<AmiMessage>();
        while (AmiMessageParser.TryParse(ref buffer, AmiParse.MaxSize, out var message)) messages.Add(message);

        Assert.True(buffer.IsEmpty);
        var reference = fixture.Messages();
        Assert.Equal(reference.Count, messages.Count);
        for (var i = 0; i < reference.Count; i++) AssertSameMessage(reference[i], messages[i]);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_banner_split_anywhere_is_recognised_only_when_complete(string name)
    {
        var stream = AmiFixture.Load(name).FromAsterisk;
        const int bannerLength = 30; // "Asterisk Call Manager/11.0.0\r\n"
        for (var cut = 1; cut < bannerLength; cut++)
        {
            var partial = AmiSequence.Of(stream.AsMemory(0, cut));
            Assert.False(AmiMessageParser.TryParseBanner(ref partial, out _));
            var whole = AmiSequence.Of(stream.AsMemory(0, cut), stream.AsMemory(cut, bannerLength - cut));
            Assert.True(AmiMessageParser.TryParseBanner(ref whole, out var version));
            Assert.Equal("11.0.0", version);
            Assert.True(whole.IsEmpty);
        }
    }

    [Fact]
    public void Every_recorded_message_starts_with_Response_or_Event_and_keeps_its_field_order()
    {
        foreach (var name in AmiFixture.AmiNames)
        {
            foreach (var message in AmiFixture.Load(name).Messages())
            {
                var first = message.Fields[0].Key;
                Assert.True(message is AmiResponse ? first == "Response" : first == "Event", $"{name}: {message}");
                Assert.Equal(message.Count, message.Fields.Count);
            }
        }
    }

    private static List<(AmiMessage Message, int Start, int End)> ParseWithOffsets(byte[] stream)
    {
        var result = new List<(AmiMessage, int, int)>();
        var buffer = new ReadOnlySequence<byte>(stream);
        while (true)
        {
            var start = (int)(stream.Length - buffer.Length);
            if (!AmiMessageParser.TryParse(ref buffer, AmiParse.MaxSize, out var message)) break;
            result.Add((message, start, (int)(stream.Length - buffer.Length)));
        }
        Assert.True(buffer.IsEmpty);
        return result;
    }

    private static void AssertSameMessage(AmiMessage expected, AmiMessage actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.ActionId, actual.ActionId);
        Assert.Equal(expected.Fields, actual.Fields);
    }
}
