using System.Buffers;
using System.Text;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// Bytes → messages. A pure function over a buffer: <see cref="TryParse"/> returns false when more bytes are
/// needed, throws <see cref="AmiProtocolException"/> when the stream cannot be framed (a message over the size limit),
/// throws <see cref="AmiUnreadableMessageException"/> for one whole message that is not AMI (the reader skips it), and
/// advances the buffer only past a whole message (or past stray empty lines between messages).
/// Framing (fixture README, AMI 1–3 and 8; issue 8): lines end with LF and an optional CR, a message ends with an
/// empty line, TCP chunking is arbitrary. The legacy Command answer (<c>Response: Follows</c> … <c>--END COMMAND--</c>,
/// Asterisk ≤ 13) may hold empty lines, so it ends at its own marker instead.
/// </summary>
public static class AmiMessageParser
{
    private const byte LineFeed = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';
    private static ReadOnlySpan<byte> LegacyFollows => "Response: Follows\r\n"u8;
    private static ReadOnlySpan<byte> LegacyEnd => "--END COMMAND--\r\n\r\n"u8;
    private static ReadOnlySpan<byte> ResponseKey => "Response"u8;
    private static ReadOnlySpan<byte> EventKey => "Event"u8;
    private static ReadOnlySpan<byte> ActionIdKey => "ActionID"u8;
    private static ReadOnlySpan<byte> PrivilegeKey => "Privilege"u8;
    private static ReadOnlySpan<byte> BannerPrefix => "Asterisk Call Manager/"u8;
    private const int MaxBannerLength = 256;

    /// <summary>Scratch for the line index while a message is scanned; copied to an exact-size array per message.</summary>
    [ThreadStatic]
    private static int[]? t_entries;

    /// <summary>
    /// Parses the greeting line <c>Asterisk Call Manager/11.0.0\r\n</c> (one line, no empty line after it).
    /// Returns the version after the slash.
    /// </summary>
    public static bool TryParseBanner(ref ReadOnlySequence<byte> buffer, out string version)
    {
        version = string.Empty;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, LineFeed))
        {
            if (buffer.Length > MaxBannerLength) throw new AmiProtocolException($"no AMI banner line within the first {MaxBannerLength} bytes");
            return false;
        }
        var text = line.ToArray().AsSpan();
        if (text.EndsWith("\r"u8)) text = text[..^1];
        if (!text.StartsWith(BannerPrefix))
        {
            throw new AmiProtocolException($"the peer did not greet as Asterisk Call Manager: '{Printable(text)}'");
        }
        version = Encoding.ASCII.GetString(text[BannerPrefix.Length..]);
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    /// <summary>Parses one whole message from the front of <paramref name="buffer"/>.</summary>
    /// <param name="maxMessageSize">A message (or an unfinished one) longer than this throws: a peer must not make us buffer forever.</param>
    /// <exception cref="AmiUnreadableMessageException">A whole message that is not AMI; its length says how far to skip.</exception>
    /// <exception cref="AmiProtocolException">No message end within <paramref name="maxMessageSize"/> bytes.</exception>
    public static bool TryParse(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out AmiMessage message)
    {
        message = null!;
        var skipped = SkipEmptyLines(buffer);
        if (skipped > 0) buffer = buffer.Slice(skipped);
        if (buffer.IsEmpty) return false;

        // Fast path: the message lies in the first segment (nearly always, with 64 KiB pipe segments).
        var span = buffer.FirstSpan;
        if (span.Length >= LegacyFollows.Length && !span.StartsWith(LegacyFollows))
        {
            var window = span.Length > maxMessageSize + 2 ? span[..(maxMessageSize + 2)] : span;
            if (AmiMessageEnd.Find(window, out var bodyLength, out var frameLength, out var hasActionId))
            {
                // Most messages are framed here and indexed only when a field is read; one with an ActionID is indexed
                // now, since its ActionID routes it (and the old, exact path decides what that ID is).
                message = (hasActionId ? null : TryCreateUnindexed(span[..frameLength], bodyLength)) ?? CreateIndexed(span[..frameLength]);
                buffer = buffer.Slice(frameLength);
                return true;
            }
            if (window.Length < span.Length || (buffer.IsSingleSegment && span.Length > maxMessageSize + 1)) ThrowTooLarge(maxMessageSize);
            if (buffer.IsSingleSegment) return false;
        }
        return TryParseSegmented(ref buffer, maxMessageSize, out message);
    }

    /// <summary>The general path: a message that spans segments, or the legacy Follows form.</summary>
    private static bool TryParseSegmented(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out AmiMessage message)
    {
        message = null!;
        var reader = new SequenceReader<byte>(buffer);
        if (reader.Remaining < LegacyFollows.Length && LegacyFollows.StartsWith(Head(reader)))
        {
            return NeedMore(reader, maxMessageSize);
        }
        if (reader.IsNext(LegacyFollows))
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> body, LegacyEnd)) return NeedMore(reader, maxMessageSize);
            if (body.Length > maxMessageSize) ThrowTooLarge(maxMessageSize);
            message = DecodeLegacy(body.ToArray());
            buffer = buffer.Slice(reader.Position);
            return true;
        }
        if (!TryFindEnd(ref reader, maxMessageSize)) return NeedMore(reader, maxMessageSize);
        var frame = buffer.Slice(0, reader.Position).ToArray();
        message = CreateIndexed(frame, out var frameLength);
        buffer = buffer.Slice(frameLength);
        return true;
    }

    /// <summary>Moves the reader past the empty line that ends the message; false when it has not arrived yet.</summary>
    private static bool TryFindEnd(ref SequenceReader<byte> reader, int maxMessageSize)
    {
        while (reader.TryAdvanceTo(LineFeed))
        {
            if (reader.Consumed > maxMessageSize + 2) ThrowTooLarge(maxMessageSize);
            if (reader.IsNext(LineFeed, advancePast: true)) return true;
            if (reader.IsNext("\r\n"u8, advancePast: true)) return true;
        }
        return false;
    }

    /// <summary>How many bytes of empty lines (LF or CRLF) open the buffer; they separate nothing and are dropped.</summary>
    private static long SkipEmptyLines(ReadOnlySequence<byte> buffer)
    {
        var first = buffer.FirstSpan;
        if (first.IsEmpty || (first[0] != LineFeed && first[0] != CarriageReturn)) return 0;
        // A CR may end one segment and its LF open the next, so look across segments.
        var reader = new SequenceReader<byte>(buffer);
        while (reader.IsNext(LineFeed, advancePast: true) || reader.IsNext("\r\n"u8, advancePast: true))
        {
        }
        return reader.Consumed;
    }

    private static ReadOnlySpan<byte> Head(SequenceReader<byte> reader) =>
        reader.UnreadSpan.Length >= reader.Remaining ? reader.UnreadSpan : reader.UnreadSequence.ToArray();

    private static bool NeedMore(SequenceReader<byte> reader, int maxMessageSize)
    {
        if (reader.Length > maxMessageSize + LegacyEnd.Length) ThrowTooLarge(maxMessageSize);
        return false;
    }

    /// <summary>
    /// A message framed but not indexed: only its first line is read (its key routes it, its value names it). Null when
    /// the message needs the exact indexed path: its first line is not a plain <c>Key: value</c> line followed by
    /// another keyed line (a value continued on lines without a key, or a malformed first line, which that path reports).
    /// </summary>
    private static AmiMessage? TryCreateUnindexed(ReadOnlySpan<byte> frame, int bodyLength)
    {
        var body = frame[..bodyLength];
        var firstLineFeed = body.IndexOf(LineFeed);
        var colon = body[..firstLineFeed].IndexOf((byte)':');
        if (colon <= 0 || !IsFirstKey(body[..colon])) return null;
        var next = firstLineFeed + 1;
        if (next < body.Length)
        {
            // The next line must have a key of its own, or it would belong to the first line's value.
            var nextLine = body[next..];
            var nextColon = nextLine[..nextLine.IndexOf(LineFeed)].IndexOf((byte)':');
            if (nextColon <= 0) return null;
        }
        var end = firstLineFeed;
        if (end > 0 && body[end - 1] == CarriageReturn) end--;
        var start = colon + 1;
        if (start < end && body[start] == (byte)' ') start++;
        var value = AmiNameCache.Get(body[start..Math.Max(start, end)]);
        var (slab, offset) = AmiMessageSlab.Copy(frame);
        return Ascii.EqualsIgnoreCase(body[..colon], EventKey)
            ? new AmiEvent(slab, offset, bodyLength, frame.Length, value)
            : new AmiResponse(slab, offset, bodyLength, frame.Length, value);
    }

    /// <summary>The exact path: every line indexed now (messages with an ActionID, odd first lines, segmented input).</summary>
    private static AmiMessage CreateIndexed(ReadOnlySpan<byte> frame) => CreateIndexed(frame, out _);

    private static AmiMessage CreateIndexed(ReadOnlySpan<byte> frame, out int frameLength)
    {
        var scratch = t_entries ??= new int[128];
        var count = AmiLineScanner.Scan(frame, ref scratch, out var bodyLength, out frameLength);
        t_entries = scratch;
        return Create(frame[..bodyLength], scratch, count, frameLength);
    }

    private static AmiMessage Create(ReadOnlySpan<byte> body, int[] scratch, int count, int frameLength)
    {
        // The first line must be a keyed "Response:" or "Event:" line; anything else is not a message we can route.
        if (count == 0 || scratch[0] != 0 || !IsFirstKey(body[..scratch[1]]))
        {
            throw new AmiUnreadableMessageException(
                $"an AMI message must start with 'Response:' or 'Event:', got '{Printable(body[..Math.Min(body.Length, 80)].TrimEnd("\r\n"u8))}'",
                frameLength);
        }
        var actionId = -1;
        for (var i = 1; i < count; i++)
        {
            if (scratch[(i * 2) + 1] == ActionIdKey.Length && Ascii.EqualsIgnoreCase(body.Slice(scratch[i * 2], ActionIdKey.Length), ActionIdKey))
            {
                actionId = i;
                break;
            }
        }
        var (bytes, start) = AmiMessageSlab.Copy(body);
        var (entries, offset) = AmiMessageSlab.Copy(scratch.AsSpan(0, count * 2));
        return Create(bytes, start, body.Length, new AmiLineIndex(entries, offset, count), actionId);
    }

    private static bool IsFirstKey(ReadOnlySpan<byte> key) => Ascii.EqualsIgnoreCase(key, EventKey) || Ascii.EqualsIgnoreCase(key, ResponseKey);

    /// <summary>Legacy Command answer: <c>Privilege</c>/<c>ActionID</c> headers, then raw output lines (LF or CRLF).</summary>
    private static AmiMessage DecodeLegacy(byte[] bytes)
    {
        var span = bytes.AsSpan();
        var entries = new int[(span.Count((byte)'\n') + 1) * 2];
        var count = 0;
        var actionId = -1;
        var lineStart = 0;
        var inHeaders = true;
        while (lineStart < span.Length)
        {
            var rest = span[lineStart..];
            var lineFeed = rest.IndexOf((byte)'\n');
            var line = lineFeed < 0 ? rest : rest[..lineFeed];
            var colon = line.IndexOf((byte)':');
            inHeaders &= count == 0 || IsLegacyHeader(line, colon);
            if (inHeaders && count > 0 && colon == ActionIdKey.Length) actionId = count;
            entries[count * 2] = lineStart;
            entries[(count * 2) + 1] = inHeaders ? colon : -1;
            count++;
            if (lineFeed < 0) break;
            lineStart += lineFeed + 1;
        }
        return Create(bytes, 0, bytes.Length, new AmiLineIndex(entries, 0, count), actionId);
    }

    private static bool IsLegacyHeader(ReadOnlySpan<byte> line, int colon) =>
        colon > 0 && (Ascii.EqualsIgnoreCase(line[..colon], ActionIdKey) || Ascii.EqualsIgnoreCase(line[..colon], PrivilegeKey));

    private static AmiMessage Create(byte[] slab, int start, int length, AmiLineIndex lines, int actionIdIndex)
    {
        var body = slab.AsSpan(start, length);
        var key = body[..lines.KeyLength(0)];
        var (valueStart, valueLength) = lines.Value(body, 0);
        var value = AmiNameCache.Get(body.Slice(valueStart, valueLength));
        string? actionId = null;
        if (actionIdIndex >= 0)
        {
            var (idStart, idLength) = lines.Value(body, actionIdIndex);
            actionId = Encoding.UTF8.GetString(body.Slice(idStart, idLength));
        }
        return Ascii.EqualsIgnoreCase(key, EventKey)
            ? new AmiEvent(slab, start, length, lines, value, actionId)
            : new AmiResponse(slab, start, length, lines, value, actionId);
    }

    private static void ThrowTooLarge(int maxMessageSize) =>
        throw new AmiProtocolException($"AMI message larger than the maximum of {maxMessageSize} bytes (AmiOptions.MaxMessageSize)");

    internal static string Printable(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes) builder.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
        return builder.ToString();
    }
}
