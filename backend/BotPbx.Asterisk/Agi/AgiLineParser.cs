using System.Buffers;

namespace BotPbx.Asterisk.Agi;

/// <summary>The line framing shared by the environment block and the replies: bytes up to LF, an optional CR dropped.</summary>
internal static class AgiLineParser
{
    /// <summary>
    /// Takes one whole line off <paramref name="buffer"/> (without its line end). False: no complete line yet.
    /// Throws <see cref="AgiProtocolException"/> when a line, complete or not, is longer than <paramref name="maxLineLength"/>.
    /// </summary>
    public static bool TryParse(ref ReadOnlySequence<byte> buffer, int maxLineLength, out ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out line, AgiBytes.LineFeed))
        {
            if (buffer.Length > maxLineLength) ThrowLineTooLong(maxLineLength);
            return false;
        }
        if (line.Length > maxLineLength) ThrowLineTooLong(maxLineLength);
        if (!line.IsEmpty && EndsWithCarriageReturn(line)) line = line.Slice(0, line.Length - 1);
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static bool EndsWithCarriageReturn(ReadOnlySequence<byte> line) =>
        line.Slice(line.Length - 1).FirstSpan[0] == AgiBytes.CarriageReturn;

    private static void ThrowLineTooLong(int maxLineLength) =>
        throw new AgiProtocolException($"A line is longer than the limit of {maxLineLength} bytes.");
}
