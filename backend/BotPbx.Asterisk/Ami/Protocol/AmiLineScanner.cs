using System.Numerics;
using System.Runtime.Intrinsics;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// Finds, in one pass, where every line of a message body starts and where its key ends (the first ':').
/// Lines are ~20 bytes, so calling IndexOf twice per line costs more in call overhead than in scanning; instead
/// 32- (or 16-) byte blocks are compared against ':' and LF at once and the resulting bit masks walked in order.
/// </summary>
internal static class AmiLineScanner
{
    /// <summary>Fills <paramref name="entries"/> with (line start, key length) pairs; returns the line count.</summary>
    /// <exception cref="AmiProtocolException">A line has no ':' or starts with one.</exception>
    public static int Scan(ReadOnlySpan<byte> body, int[] entries)
    {
        var state = new State(entries);
        var position = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; position + Vector256<byte>.Count <= body.Length; position += Vector256<byte>.Count)
            {
                var block = Vector256.Create(body.Slice(position, Vector256<byte>.Count));
                var lineFeeds = Vector256.Equals(block, Vector256.Create((byte)'\n')).ExtractMostSignificantBits();
                var colons = Vector256.Equals(block, Vector256.Create((byte)':')).ExtractMostSignificantBits();
                state.Block(body, position, lineFeeds, colons);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; position + Vector128<byte>.Count <= body.Length; position += Vector128<byte>.Count)
            {
                var block = Vector128.Create(body.Slice(position, Vector128<byte>.Count));
                var lineFeeds = Vector128.Equals(block, Vector128.Create((byte)'\n')).ExtractMostSignificantBits();
                var colons = Vector128.Equals(block, Vector128.Create((byte)':')).ExtractMostSignificantBits();
                state.Block(body, position, lineFeeds, colons);
            }
        }
        for (; position < body.Length; position++)
        {
            var b = body[position];
            if (b == '\n') state.LineFeed(body, position);
            else if (b == ':') state.Colon(body, position);
        }
        state.LineFeed(body, body.Length); // the last line ends with the body
        return state.Count;
    }

    private struct State(int[] entries)
    {
        private int _lineStart;
        private bool _keyFound;

        public int Count { get; private set; }

        public void Block(ReadOnlySpan<byte> body, int offset, uint lineFeeds, uint colons)
        {
            var marks = lineFeeds | colons;
            while (marks != 0)
            {
                var bit = BitOperations.TrailingZeroCount(marks);
                marks &= marks - 1;
                if ((lineFeeds & (1u << bit)) != 0) LineFeed(body, offset + bit);
                else Colon(body, offset + bit);
            }
        }

        public void Colon(ReadOnlySpan<byte> body, int position)
        {
            if (_keyFound) return;
            if (position == _lineStart) ThrowNoKey(body, _lineStart, position);
            entries[Count * 2] = _lineStart;
            entries[(Count * 2) + 1] = position - _lineStart;
            Count++;
            _keyFound = true;
        }

        public void LineFeed(ReadOnlySpan<byte> body, int position)
        {
            // A real Asterisk 22 ends some lines with a bare LF right before the blank line that ends the message
            // ("Message: No Contacts found\n\r\n\r\n", shared ASTERISK.md): the empty line that leaves is skipped.
            if (!_keyFound && !IsBlank(body, _lineStart, position)) ThrowNoKey(body, _lineStart, position);
            _lineStart = position + 1;
            _keyFound = false;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> body, int lineStart, int lineEnd) =>
        body[lineStart..Math.Min(lineEnd, body.Length)].TrimEnd((byte)'\r').IsEmpty;

    private static void ThrowNoKey(ReadOnlySpan<byte> body, int lineStart, int lineEnd)
    {
        var line = body[lineStart..Math.Min(lineEnd, body.Length)].TrimEnd((byte)'\r');
        throw new AmiProtocolException($"AMI line without a 'Key:' prefix: '{AmiMessageParser.Printable(line[..Math.Min(line.Length, 80)])}'");
    }
}
