using System.Buffers;
using System.Text;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// Bytes → messages. A pure function over a buffer: <see cref="TryParse"/> returns false when more bytes are
/// needed, throws <see cref="AmiProtocolException"/> on malformed input, and advances the buffer only on success.
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
        var span = bytes.AsSpan();
        var fields = new AmiFieldRange[span.Count((byte)'\n') + 1];
        var count = 0;
        var actionId = -1;
        var start = 0;
        while (start <= span.Length)
        {
            var rest = span[start..];
            var lineLength = rest.IndexOf(Crlf);
            if (lineLength < 0) lineLength = rest.Length;
            var field = SplitLine(bytes, start, lineLength);
            if (actionId < 0 && field.KeyLength == ActionIdKey.Length && Ascii.EqualsIgnoreCase(span.Slice(field.KeyStart, field.KeyLength), ActionIdKey))
            {
                actionId = count;
            }
            fields[count++] = field;
            start += lineLength + Crlf.Length;
        }
        return Create(bytes, fields, count, actionId);
    }

    /// <summary>Legacy Command answer: <c>Privilege</c>/<c>ActionID</c> headers, then raw output lines (LF or CRLF).</summary>
    private static AmiMessage DecodeLegacy(byte[] bytes)
    {
        var span = bytes.AsSpan();
        var fields = new AmiFieldRange[span.Count((byte)'\n') + 2];
        var count = 0;
        var actionId = -1;
        var start = 0;
        var inHeaders = true;
        while (start < span.Length)
        {
            var rest = span[start..];
            var lineLength = rest.IndexOf((byte)'\n');
            var next = lineLength < 0 ? span.Length : start + lineLength + 1;
            if (lineLength < 0) lineLength = rest.Length;
            var contentLength = lineLength > 0 && rest[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
            if (inHeaders && (count == 0 || IsLegacyHeader(rest[..contentLength])))
            {
                var field = SplitLine(bytes, start, contentLength);
                if (count > 0 && field.KeyLength == ActionIdKey.Length) actionId = count;
                fields[count++] = field;
            }
            else
            {
                inHeaders = false;
                fields[count++] = new AmiFieldRange(-1, 0, start, contentLength);
            }
            start = next;
        }
        return Create(bytes, fields, count, actionId);
    }

    private static bool IsLegacyHeader(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon < 0) return false;
        var key = line[..colon];
        return Ascii.EqualsIgnoreCase(key, ActionIdKey) || Ascii.EqualsIgnoreCase(key, PrivilegeKey);
    }

    private static AmiMessage Create(byte[] bytes, AmiFieldRange[] fields, int count, int actionIdIndex)
    {
        var first = fields[0];
        var key = bytes.AsSpan(first.KeyStart, first.KeyLength);
        var value = AmiNameCache.Get(bytes.AsSpan(first.ValueStart, first.ValueLength));
        string? actionId = null;
        if (actionIdIndex >= 0)
        {
            var range = fields[actionIdIndex];
            actionId = Encoding.UTF8.GetString(bytes, range.ValueStart, range.ValueLength);
        }
        if (Ascii.EqualsIgnoreCase(key, EventKey)) return new AmiEvent(bytes, fields, count, value, actionId);
        if (Ascii.EqualsIgnoreCase(key, ResponseKey)) return new AmiResponse(bytes, fields, count, value, actionId);
        throw new AmiProtocolException($"an AMI message must start with 'Response:' or 'Event:', got '{Printable(bytes.AsSpan(0, Math.Min(bytes.Length, 80)))}'");
    }

    private static AmiFieldRange SplitLine(byte[] bytes, int start, int length)
    {
        var line = bytes.AsSpan(start, length);
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            throw new AmiProtocolException($"AMI line without a 'Key:' prefix: '{Printable(line[..Math.Min(line.Length, 80)])}'");
        }
        // Exactly one space follows the colon; further spaces belong to the value (CLI output is indented with them).
        var valueStart = colon + 1;
        if (valueStart < line.Length && line[valueStart] == ' ') valueStart++;
        return new AmiFieldRange(start, colon, start + valueStart, length - valueStart);
    }

    private static void ThrowTooLarge(int maxMessageSize) =>
        throw new AmiProtocolException($"AMI message larger than the maximum of {maxMessageSize} bytes (AmiOptions.MaxMessageSize)");

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes) builder.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
        return builder.ToString();
    }
}
