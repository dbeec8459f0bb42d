using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace BotPbx.Asterisk.Agi;

/// <summary>
/// The framing of what Asterisk sends after the environment block: one reply line, the multi-line 520 usage block
/// (<c>520-Invalid command syntax.  Proper usage follows:</c> … <c>520 End of proper usage.</c>), or <c>HANGUP</c>.
/// </summary>
internal static class AgiReplyParser
{
    /// <summary>Bounds the 520 usage text; Asterisk's longest usage texts are a few dozen lines and a few KiB.</summary>
    private const int MaxUsageLines = 500;

    private const int MaxUsageBytes = 64 * 1024;

    /// <summary>False: the message is not complete yet. Throws <see cref="AgiProtocolException"/> on anything that is not FastAGI.</summary>
    public static bool TryParse(ref ReadOnlySequence<byte> buffer, int maxLineLength, out AgiInboundMessage message)
    {
        message = default;
        var remaining = buffer;
        if (!AgiLineParser.TryParse(ref remaining, maxLineLength, out var lineBytes)) return false;
        ReadOnlySpan<byte> line = lineBytes.IsSingleSegment ? lineBytes.FirstSpan : lineBytes.ToArray();

        if (line.SequenceEqual(AgiBytes.Hangup))
        {
            message = AgiInboundMessage.Hangup;
            buffer = remaining;
            return true;
        }

        var status = ParseStatus(line);
        var rest = line[4..];
        AgiReply reply;
        if (line[3] == AgiBytes.Hyphen)
        {
            if (!TryReadContinuation(ref remaining, maxLineLength, status, Decode(rest), out reply)) return false;
        }
        else
        {
            reply = status == AgiReply.Success ? ParseSuccess(rest, line) : new AgiReply { Status = status, Text = Decode(rest) };
        }
        message = new AgiInboundMessage(reply);
        buffer = remaining;
        return true;
    }

    private static int ParseStatus(ReadOnlySpan<byte> line)
    {
        if (line.Length < 4 || (line[3] != AgiBytes.Space && line[3] != AgiBytes.Hyphen) ||
            !Utf8Parser.TryParse(line[..3], out int status, out var consumed) || consumed != 3 || status < 100)
        {
            throw new AgiProtocolException($"Expected a FastAGI reply ('200 result=…') or HANGUP, got '{Printable(line)}'.");
        }
        return status;
    }

    /// <summary>Reads the usage lines of a <c>NNN-</c> block up to the closing <c>NNN </c> line.</summary>
    private static bool TryReadContinuation(
        ref ReadOnlySequence<byte> remaining, int maxLineLength, int status, string firstText, out AgiReply reply)
    {
        reply = null!;
        var text = new StringBuilder(firstText);
        var start = remaining.Length;
        for (var lines = 0; ; lines++)
        {
            // Both bounds keep a peer that never ends the block from growing the buffer (and each re-scan of it).
            if (lines > MaxUsageLines) throw new AgiProtocolException($"A {status} reply has more than {MaxUsageLines} lines.");
            if (start - remaining.Length > MaxUsageBytes) throw new AgiProtocolException($"A {status} reply is longer than {MaxUsageBytes} bytes.");
            if (!AgiLineParser.TryParse(ref remaining, maxLineLength, out var next)) return false;
            ReadOnlySpan<byte> span = next.IsSingleSegment ? next.FirstSpan : next.ToArray();
            text.Append('\n');
            if (span.Length >= 4 && span[3] == AgiBytes.Space && IsStatus(span, status))
            {
                text.Append(Decode(span[4..]));
                reply = new AgiReply { Status = status, Text = text.ToString() };
                return true;
            }
            text.Append(Decode(span));
        }
    }

    private static bool IsStatus(ReadOnlySpan<byte> line, int status) =>
        Utf8Parser.TryParse(line[..3], out int value, out var consumed) && consumed == 3 && value == status;

    /// <summary><c>result=&lt;r&gt;[ (&lt;data&gt;)][ endpos=&lt;n&gt;]</c>; the data may itself hold parentheses and spaces.</summary>
    private static AgiReply ParseSuccess(ReadOnlySpan<byte> rest, ReadOnlySpan<byte> line)
    {
        if (!rest.StartsWith(AgiBytes.ResultPrefix))
        {
            throw new AgiProtocolException($"A 200 reply without 'result=': '{Printable(line)}'.");
        }
        rest = rest[AgiBytes.ResultPrefix.Length..];
        var space = rest.IndexOf(AgiBytes.Space);
        var result = space < 0 ? rest : rest[..space];
        var tail = space < 0 ? [] : rest[(space + 1)..];

        long? endPosition = null;
        var endPos = tail.LastIndexOf(AgiBytes.EndPositionPrefix);
        if (endPos >= 0 && (endPos == 0 || tail[endPos - 1] == AgiBytes.Space) &&
            Utf8Parser.TryParse(tail[(endPos + AgiBytes.EndPositionPrefix.Length)..], out long position, out var consumed) &&
            consumed == tail.Length - endPos - AgiBytes.EndPositionPrefix.Length)
        {
            endPosition = position;
            tail = tail[..endPos].TrimEnd(AgiBytes.Space);
        }

        string? data = null;
        if (tail.Length >= 2 && tail[0] == (byte)'(' && tail[^1] == (byte)')') data = Decode(tail[1..^1]);
        else if (!tail.IsEmpty) data = Decode(tail);

        return new AgiReply
        {
            Status = AgiReply.Success,
            Result = Decode(result),
            Data = data,
            EndPosition = endPosition,
            Text = Decode(line),
        };
    }

    private static string Decode(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? "" : Encoding.UTF8.GetString(bytes);

    /// <summary>A short, printable excerpt of bad input for the exception message.</summary>
    internal static string Printable(ReadOnlySpan<byte> bytes)
    {
        var excerpt = bytes.Length > 60 ? bytes[..60] : bytes;
        var text = new StringBuilder(excerpt.Length);
        foreach (var b in excerpt) text.Append(b is >= 0x20 and < 0x7f ? (char)b : '?');
        if (bytes.Length > excerpt.Length) text.Append('…');
        return text.ToString();
    }
}
