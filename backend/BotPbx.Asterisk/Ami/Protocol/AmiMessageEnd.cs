using System.Numerics;
using System.Text;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// Finds where a message ends (its empty line) without indexing its lines, and says whether it may carry an
/// <c>ActionID</c> line. Most events are counted or filtered by name and never read field by field, so the parser
/// frames them with this and leaves the line index to the first field access (<see cref="AmiMessage"/>): indexing
/// every line of every event was the largest cost of parsing (issue 13, profile in docs/protocols/ami.md).
/// Each 32- (or 16-) byte block is compared at offsets 0, 1 and 2 at once, so an LF followed by LF or CR LF is found
/// without visiting lines one by one; an LF followed by <c>actionid:</c> in any case (bytes OR 0x20) marks a
/// candidate, which is checked exactly. Line ends are LF with an optional CR, as in <see cref="AmiLineScanner"/>.
/// </summary>
internal static class AmiMessageEnd
{
    private const byte LineFeed = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';
    private const byte Colon = (byte)':';
    private const byte LowerCase = 0x20;
    private static ReadOnlySpan<byte> ActionIdKey => "ActionID"u8;

    /// <summary>Bytes after a candidate LF that the ActionID check reads: "actionid:".</summary>
    private const int ActionIdReach = 9;

    /// <summary>Scans <paramref name="bytes"/>, which must not start with an empty line.</summary>
    /// <param name="bodyLength">Bytes before the empty line (the last line's LF included).</param>
    /// <param name="frameLength">Bytes up to and including the empty line's LF.</param>
    /// <param name="hasActionId">True when a line before the end has the key ActionID (any case).</param>
    /// <returns>False when the empty line has not arrived yet.</returns>
    public static bool Find(ReadOnlySpan<byte> bytes, out int bodyLength, out int frameLength, out bool hasActionId)
    {
        hasActionId = false;
        var position = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; position + Vector256<byte>.Count + ActionIdReach <= bytes.Length; position += Vector256<byte>.Count)
            {
                ref var at = ref Unsafe.AsRef(in bytes[position]);
                var b0 = Vector256.LoadUnsafe(ref at);
                var b1 = Vector256.LoadUnsafe(ref at, 1);
                var lineFeeds = Vector256.Equals(b0, Vector256.Create(LineFeed));
                var ends = lineFeeds & (Vector256.Equals(b1, Vector256.Create(LineFeed)) |
                                        (Vector256.Equals(b1, Vector256.Create(CarriageReturn)) &
                                         Vector256.Equals(Vector256.LoadUnsafe(ref at, 2), Vector256.Create(LineFeed))));
                var candidates = lineFeeds & Vector256.Equals(b1 | Vector256.Create(LowerCase), Vector256.Create((byte)'a')) &
                                 Vector256.Equals(Vector256.LoadUnsafe(ref at, 8) | Vector256.Create(LowerCase), Vector256.Create((byte)'d')) &
                                 Vector256.Equals(Vector256.LoadUnsafe(ref at, 9), Vector256.Create(Colon));
                if (Block(bytes, position, ends.ExtractMostSignificantBits(), candidates.ExtractMostSignificantBits(), ref hasActionId,
                        out bodyLength, out frameLength))
                {
                    return true;
                }
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; position + Vector128<byte>.Count + ActionIdReach <= bytes.Length; position += Vector128<byte>.Count)
            {
                ref var at = ref Unsafe.AsRef(in bytes[position]);
                var b0 = Vector128.LoadUnsafe(ref at);
                var b1 = Vector128.LoadUnsafe(ref at, 1);
                var lineFeeds = Vector128.Equals(b0, Vector128.Create(LineFeed));
                var ends = lineFeeds & (Vector128.Equals(b1, Vector128.Create(LineFeed)) |
                                        (Vector128.Equals(b1, Vector128.Create(CarriageReturn)) &
                                         Vector128.Equals(Vector128.LoadUnsafe(ref at, 2), Vector128.Create(LineFeed))));
                var candidates = lineFeeds & Vector128.Equals(b1 | Vector128.Create(LowerCase), Vector128.Create((byte)'a')) &
                                 Vector128.Equals(Vector128.LoadUnsafe(ref at, 8) | Vector128.Create(LowerCase), Vector128.Create((byte)'d')) &
                                 Vector128.Equals(Vector128.LoadUnsafe(ref at, 9), Vector128.Create(Colon));
                if (Block(bytes, position, ends.ExtractMostSignificantBits(), candidates.ExtractMostSignificantBits(), ref hasActionId,
                        out bodyLength, out frameLength))
                {
                    return true;
                }
            }
        }
        // The tail (and machines without SIMD): LF by LF.
        for (; position < bytes.Length; position++)
        {
            if (bytes[position] != LineFeed) continue;
            if (IsActionIdLine(bytes, position)) hasActionId = true;
            var next = position + 1;
            if (next < bytes.Length && (bytes[next] == LineFeed || (bytes[next] == CarriageReturn && next + 1 < bytes.Length && bytes[next + 1] == LineFeed)))
            {
                bodyLength = next;
                frameLength = bytes[next] == LineFeed ? next + 1 : next + 2;
                return true;
            }
        }
        bodyLength = frameLength = 0;
        return false;
    }

    /// <summary>One block's marks: the first end wins; ActionID candidates before it are checked exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Block(ReadOnlySpan<byte> bytes, int offset, uint ends, uint candidates, ref bool hasActionId, out int bodyLength, out int frameLength)
    {
        if (ends != 0)
        {
            var end = BitOperations.TrailingZeroCount(ends);
            // Only candidates on lines before the end belong to this message.
            candidates &= (uint)((1UL << end) - 1);
            CheckCandidates(bytes, offset, candidates, ref hasActionId);
            var next = offset + end + 1;
            bodyLength = next;
            frameLength = bytes[next] == LineFeed ? next + 1 : next + 2;
            return true;
        }
        CheckCandidates(bytes, offset, candidates, ref hasActionId);
        bodyLength = frameLength = 0;
        return false;
    }

    private static void CheckCandidates(ReadOnlySpan<byte> bytes, int offset, uint candidates, ref bool hasActionId)
    {
        while (candidates != 0 && !hasActionId)
        {
            hasActionId = IsActionIdLine(bytes, offset + BitOperations.TrailingZeroCount(candidates));
            candidates &= candidates - 1;
        }
    }

    /// <summary>Whether the line after the LF at <paramref name="lineFeed"/> is keyed <c>ActionID</c>, in any case.</summary>
    private static bool IsActionIdLine(ReadOnlySpan<byte> bytes, int lineFeed) =>
        lineFeed + ActionIdReach < bytes.Length && bytes[lineFeed + ActionIdReach] == Colon &&
        Ascii.EqualsIgnoreCase(bytes.Slice(lineFeed + 1, ActionIdKey.Length), ActionIdKey);
}
