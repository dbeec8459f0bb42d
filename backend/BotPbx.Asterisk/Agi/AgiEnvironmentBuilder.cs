using System.Buffers;
using System.Text;

namespace BotPbx.Asterisk.Agi;

/// <summary>
/// Collects the environment block line by line (<c>agi_key: value</c>, ended by an empty line), so a slow sender costs
/// linear work. Asterisk sent the block in two TCP chunks in every fixture, so it is never assumed to come in one read.
/// </summary>
internal sealed class AgiEnvironmentBuilder(int maxLines)
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private int _lines;

    /// <summary>Adds one line; true when it was the empty line that ends the block.</summary>
    public bool Add(ReadOnlySequence<byte> lineBytes)
    {
        if (lineBytes.IsEmpty) return true;
        if (++_lines > maxLines) throw new AgiProtocolException($"The environment has more than {maxLines} lines.");

        ReadOnlySpan<byte> line = lineBytes.IsSingleSegment ? lineBytes.FirstSpan : lineBytes.ToArray();
        var colon = line.IndexOf(AgiBytes.Colon);
        if (colon <= AgiBytes.EnvironmentKeyPrefix.Length || !line.StartsWith(AgiBytes.EnvironmentKeyPrefix) ||
            line[..colon].Contains(AgiBytes.Space))
        {
            throw new AgiProtocolException($"Expected an 'agi_key: value' line, got '{AgiReplyParser.Printable(line)}'.");
        }
        var value = line[(colon + 1)..];
        // Asterisk writes "key: value"; an empty value is "agi_accountcode: " (fixture fastagi-sip-601-env-and-commands).
        if (!value.IsEmpty && value[0] == AgiBytes.Space) value = value[1..];
        _values[Encoding.ASCII.GetString(line[..colon])] = Encoding.UTF8.GetString(value);
        return false;
    }

    public AgiRequest Build() => new(_values);
}
