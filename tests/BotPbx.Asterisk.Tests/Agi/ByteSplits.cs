using System.Buffers;

namespace BotPbx.Asterisk.Tests;

/// <summary>A framing parser in the Kestrel shape: false = need more bytes, advances the buffer only on success.</summary>
internal delegate bool TryParseFrame<T>(ref ReadOnlySequence<byte> buffer, out T message);

/// <summary>Feeds a byte stream to a parser in two reads split at a given offset, as a socket might deliver it.</summary>
internal static class ByteSplits
{
    /// <summary>
    /// Parses <paramref name="data"/> as if it arrived as data[..split] and then data[split..]: the first read is parsed
    /// alone, and whatever it left over is joined to the second read as a separate segment, so messages straddling
    /// the split cross a segment boundary. Fails the test if bytes are left unparsed at the end.
    /// </summary>
    public static List<T> ParseInTwoReads<T>(byte[] data, int split, TryParseFrame<T> tryParse)
    {
        var messages = new List<T>();
        byte[] leftover = [];
        foreach (var read in new[] { data[..split], data[split..] })
        {
            var buffer = Join(leftover, read);
            while (tryParse(ref buffer, out var message)) messages.Add(message);
            leftover = buffer.ToArray();
        }
        Assert.True(leftover.Length == 0, $"{leftover.Length} bytes left unparsed with the split at {split}.");
        return messages;
    }

    /// <summary>A sequence of two segments (or one when either part is empty).</summary>
    public static ReadOnlySequence<byte> Join(byte[] first, byte[] second)
    {
        if (first.Length == 0) return new ReadOnlySequence<byte>(second);
        if (second.Length == 0) return new ReadOnlySequence<byte>(first);
        var head = new Segment(first);
        var tail = head.Append(second);
        return new ReadOnlySequence<byte>(head, 0, tail, second.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
