using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// Finds, in one pass, the empty line that ends a message, where every line before it starts, and where each key
/// ends (the first ':'). Lines are ~20 bytes, so calling IndexOf per line costs more in call overhead than in
/// scanning; instead 32- (or 16-) byte blocks are compared against ':' and LF at once and the bit masks walked in order.
/// Line ends are LF with an optional CR: Asterisk 22 writes CRLF, but some replies end a line with a bare LF
/// (PJSIPShowContacts with no contacts: <c>Message: No Contacts found\n\r\n\r\n</c>, issue 8).
/// </summary>
internal static class AmiLineScanner
{
    private const byte LineFeed = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';
    private const byte Colon = (byte)':';

    /// <summary>
    /// Scans <paramref name="bytes"/>, which must not start with an empty line, up to the first empty line.
    /// A line without a key (no ':' or an empty key) continues the previous field's value (see <see cref="AmiLineIndex"/>).
    /// </summary>
    /// <param name="entries">Receives (line start, key length) pairs of the keyed lines; grown when too small.</param>
    /// <param name="bodyLength">Bytes of the message before the empty line; the last line's LF included.</param>
    /// <param name="frameLength">Bytes up to and including the empty line's LF.</param>
    /// <returns>The number of keyed lines, or -1 when no empty line was found (more bytes needed).</returns>
    public static int Scan(ReadOnlySpan<byte> bytes, ref int[] entries, out int bodyLength, out int frameLength)
    {
        var state = new State(entries);
        var position = 0;
        var ended = false;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; !ended && position + Vector256<byte>.Count <= bytes.Length; position += Vector256<byte>.Count)
            {
                var block = Vector256.Create(bytes.Slice(position, Vector256<byte>.Count));
                var lineFeeds = Vector256.Equals(block, Vector256.Create(LineFeed)).ExtractMostSignificantBits();
                var colons = Vector256.Equals(block, Vector256.Create(Colon)).ExtractMostSignificantBits();
                ended = state.Block(bytes, position, lineFeeds, colons);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; !ended && position + Vector128<byte>.Count <= bytes.Length; position += Vector128<byte>.Count)
            {
                var block = Vector128.Create(bytes.Slice(position, Vector128<byte>.Count));
                var lineFeeds = Vector128.Equals(block, Vector128.Create(LineFeed)).ExtractMostSignificantBits();
                var colons = Vector128.Equals(block, Vector128.Create(Colon)).ExtractMostSignificantBits();
                ended = state.Block(bytes, position, lineFeeds, colons);
            }
        }
        for (; !ended && position < bytes.Length; position++)
        {
            var b = bytes[position];
            if (b == LineFeed) ended = state.LineFeed(bytes, position);
            else if (b == Colon) state.Colon(position);
        }
        entries = state.Entries;
        bodyLength = state.BodyLength;
        frameLength = state.FrameLength;
        return ended ? state.Count : -1;
    }

    private struct State(int[] entries)
    {
        private int _lineStart;
        private bool _keyDone;

        public int[] Entries { get; private set; } = entries;

        public int Count { get; private set; }

        public int BodyLength { get; private set; }

        public int FrameLength { get; private set; }

        /// <summary>
        /// One block's marks, line by line: only a line's first colon matters (values hold colons too: timestamps,
        /// URIs), so the colons of a line whose key is known are masked off instead of visited one by one.
        /// </summary>
        public bool Block(ReadOnlySpan<byte> bytes, int offset, uint lineFeeds, uint colons)
        {
            while (true)
            {
                if (!_keyDone && colons != 0)
                {
                    var colon = BitOperations.TrailingZeroCount(colons);
                    if (lineFeeds == 0 || colon < BitOperations.TrailingZeroCount(lineFeeds)) Colon(offset + colon);
                }
                if (lineFeeds == 0) return false;
                var lineFeed = BitOperations.TrailingZeroCount(lineFeeds);
                lineFeeds &= lineFeeds - 1;
                colons = lineFeed == 31 ? 0 : colons & (uint.MaxValue << (lineFeed + 1));
                if (LineFeed(bytes, offset + lineFeed)) return true;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Colon(int position)
        {
            if (_keyDone) return;
            _keyDone = true;
            // ":value" has no key: like a line without a colon, it continues the previous value.
            if (position == _lineStart) return;
            if ((Count + 1) * 2 > Entries.Length)
            {
                var grown = new int[Entries.Length * 2];
                Entries.CopyTo(grown, 0);
                Entries = grown;
            }
            Entries[Count * 2] = _lineStart;
            Entries[(Count * 2) + 1] = position - _lineStart;
            Count++;
        }

        /// <summary>True when this LF ends an empty line, i.e. the message.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool LineFeed(ReadOnlySpan<byte> bytes, int position)
        {
            var length = position - _lineStart;
            if (length == 0 || (length == 1 && bytes[_lineStart] == CarriageReturn))
            {
                BodyLength = _lineStart;
                FrameLength = position + 1;
                return true;
            }
            _lineStart = position + 1;
            _keyDone = false;
            return false;
        }
    }
}
