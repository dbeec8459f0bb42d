using System.Buffers;
using System.Text;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// Bytes → messages. A pure function over a buffer: <see cref="TryParse"/> returns false when more bytes are
/// needed, throws <see cref="AmiProtocolException"/> on malformed input, and advances the buffer only past a whole
/// message (or past stray empty lines between messages).
/// Framing (fixture README, AMI 1–3 and 8): <c>\r\n</c> lines, a message ends with an empty line, TCP chunking is
/// arbitrary. The legacy Command answer (<c>Response: Follows</c> … <c>--END COMMAND--</c>, Asterisk ≤ 13) may hold
/// empty lines, so it ends at its own marker instead.
/// </summary>
public static class AmiMessageParser
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;
    private static ReadOnlySpan<byte> MessageEnd => "\r\n\r\n"u8;
    private static ReadOnlySpan<byte> LegacyFollows => "Response: Follows\r\n"u8;
    private static ReadOnlySpan<byte> LegacyEnd => "--END COMMAND--\r\n\r\n"u8;
    private static ReadOnlySpan<byte> ResponseKey => "Response"u8;
    private static ReadOnlySpan<byte> EventKey => "Event"u8;
    private static ReadOnlySpan<byte> ActionIdKey => "ActionID"u8;
    private static ReadOnlySpan<byte> PrivilegeKey => "Privilege"u8;
    private static ReadOnlySpan<byte> BannerPrefix => "Asterisk Call Manager/"u8;
    private const int MaxBannerLength = 256;

    /// <summary>
    /// Parses the greeting line <c>Asterisk Call Manager/11.0.0\r\n</c> (one line, no empty line after it).
    /// Returns the version after the slash.
    /// </summary>
    public static bool TryParseBanner(ref ReadOnlySequence<byte> buffer, out string version)
    {
        version = string.Empty;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, Crlf))
        {
            if (buffer.Length > MaxBannerLength) throw new AmiProtocolException($"no AMI banner line within the first {MaxBannerLength} bytes");
            return false;
        }
        var text = line.ToArray().AsSpan();
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
    public static bool TryParse(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out AmiMessage message)
    {
        // Fast path: the message lies in the first segment (nearly always, with 64 KiB pipe segments).
        var span = buffer.FirstSpan;
        var skipped = 0;
        while (span[skipped..].StartsWith(Crlf)) skipped += Crlf.Length;
        var rest = span[skipped..];
        if (rest.Length >= LegacyFollows.Length && !rest.StartsWith(LegacyFollows))
        {
            var end = rest.IndexOf(MessageEnd);
            if (end >= 0)
            {
                if (end > maxMessageSize) ThrowTooLarge(maxMessageSize);
                message = Decode(rest[..end].ToArray());
                buffer = buffer.Slice(skipped + end + MessageEnd.Length);
                return true;
            }
            if (buffer.IsSingleSegment)
            {
                if (rest.Length > maxMessageSize + MessageEnd.Length) ThrowTooLarge(maxMessageSize);
                buffer = buffer.Slice(skipped);
                message = null!;
                return false;
            }
        }
        return TryParseSegmented(ref buffer, maxMessageSize, out message);
    }

    /// <summary>The general path: a message that spans segments, or the legacy Follows form.</summary>
    private static bool TryParseSegmented(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out AmiMessage message)
    {
        message = null!;
        var reader = new SequenceReader<byte>(buffer);
        // Tolerate stray empty lines between messages (never seen from Asterisk 22, cheap to allow).
        while (reader.IsNext(Crlf, advancePast: true))
        {
        }
        if (reader.Remaining < LegacyFollows.Length && LegacyFollows.StartsWith(Head(reader)))
        {
            return NeedMore(ref buffer, reader, maxMessageSize);
        }
        var legacy = reader.IsNext(LegacyFollows);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> body, legacy ? LegacyEnd : MessageEnd))
        {
            return NeedMore(ref buffer, reader, maxMessageSize);
        }
        if (body.Length > maxMessageSize) ThrowTooLarge(maxMessageSize);
        var bytes = body.ToArray();
        message = legacy ? DecodeLegacy(bytes) : Decode(bytes);
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static ReadOnlySpan<byte> Head(SequenceReader<byte> reader) =>
        reader.UnreadSpan.Length >= reader.Remaining ? reader.UnreadSpan : reader.UnreadSequence.ToArray();

    private static bool NeedMore(ref ReadOnlySequence<byte> buffer, SequenceReader<byte> reader, int maxMessageSize)
    {
        if (reader.Remaining > maxMessageSize + LegacyEnd.Length) ThrowTooLarge(maxMessageSize);
        // Skipped empty lines are consumed so they do not count again.
        buffer = buffer.Slice(reader.Position);
        return false;
    }

    private static AmiMessage Decode(byte[] bytes)
    {
        var entries = new int[(bytes.AsSpan().Count((byte)'\n') + 1) * 2];
        var count = AmiLineScanner.Scan(bytes, entries);
        var actionId = -1;
        for (var i = 1; i < count; i++)
        {
            if (entries[(i * 2) + 1] == ActionIdKey.Length && Ascii.EqualsIgnoreCase(bytes.AsSpan(entries[i * 2], ActionIdKey.Length), ActionIdKey))
            {
                actionId = i;
                break;
            }
        }
        return Create(bytes, new AmiLineIndex(entries, count), actionId);
    }

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
        return Create(bytes, new AmiLineIndex(entries, count), actionId);
    }

    private static bool IsLegacyHeader(ReadOnlySpan<byte> line, int colon) =>
        colon > 0 && (Ascii.EqualsIgnoreCase(line[..colon], ActionIdKey) || Ascii.EqualsIgnoreCase(line[..colon], PrivilegeKey));

    private static AmiMessage Create(byte[] bytes, AmiLineIndex lines, int actionIdIndex)
    {
        var key = bytes.AsSpan(0, lines.KeyLength(0));
        var (valueStart, valueLength) = lines.Value(bytes, 0);
        var value = AmiNameCache.Get(bytes.AsSpan(valueStart, valueLength));
        string? actionId = null;
        if (actionIdIndex >= 0)
        {
            var (start, length) = lines.Value(bytes, actionIdIndex);
            actionId = Encoding.UTF8.GetString(bytes, start, length);
        }
        if (Ascii.EqualsIgnoreCase(key, EventKey)) return new AmiEvent(bytes, lines, value, actionId);
        if (Ascii.EqualsIgnoreCase(key, ResponseKey)) return new AmiResponse(bytes, lines, value, actionId);
        throw new AmiProtocolException($"an AMI message must start with 'Response:' or 'Event:', got '{Printable(bytes.AsSpan(0, Math.Min(bytes.Length, 80)))}'");
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
