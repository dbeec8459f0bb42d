using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// One AMI message: the ordered <c>Key: Value</c> lines exactly as they came. Keys are looked up
/// case-insensitively (Asterisk treats them so: <c>actionid:</c> works, see fixture ami-ping-coresettings-corestatus).
/// Decoding is lazy: the parser only copies the bytes and records where each line is, so that events nobody looks
/// at cost one copy; values become strings on first access. Repeated keys (<c>Output:</c>, <c>Variable:</c>)
/// are kept in order; the indexer returns the first. Immutable and safe to read from several threads (one event
/// instance goes to every subscriber): the lazy caches only ever store the same strings, so a race costs a re-decode.
/// </summary>
public abstract class AmiMessage
{
    private const string LegacyOutputKey = "Output";
    private readonly byte[] _slab;
    private readonly int _start;
    private readonly int _length;
    private readonly int _frameLength;
    private AmiLineIndex _index;
    private volatile bool _indexed;
    private string?[]? _values;
    private IReadOnlyList<KeyValuePair<string, string>>? _materialized;

    /// <summary>An indexed message: the parser already knows where every line is.</summary>
    private protected AmiMessage(byte[] slab, int start, int length, AmiLineIndex lines, string? actionId)
    {
        _slab = slab;
        _start = start;
        _length = length;
        _index = lines;
        _indexed = true;
        ActionId = actionId;
    }

    /// <summary>
    /// A message only framed (no ActionID): its lines are indexed on the first field access, on the reader's thread.
    /// <paramref name="frameLength"/> covers the empty line too, which the line scanner needs to stop.
    /// </summary>
    private protected AmiMessage(byte[] slab, int start, int length, int frameLength)
    {
        _slab = slab;
        _start = start;
        _length = length;
        _frameLength = frameLength;
    }

    /// <summary>The ActionID this message carries (responses, list items, OriginateResponse, UserEvent), or null.</summary>
    public string? ActionId { get; }

    /// <summary>Number of lines, the first one (<c>Response:</c>/<c>Event:</c>) included.</summary>
    public int Count => Lines.Count;

    /// <summary>Value of the first line whose key matches (ASCII case-insensitive), or null when absent.</summary>
    public string? this[string key] => TryGet(key, out var value) ? value : null;

    /// <summary>All lines in arrival order, first line included.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _materialized ??= Materialize();

    public bool Contains(string key) => IndexOf(key, 0) >= 0;

    public bool TryGet(string key, out string value)
    {
        var index = IndexOf(key, 0);
        value = index >= 0 ? ValueAt(index) : string.Empty;
        return index >= 0;
    }

    /// <summary>Every value of a repeated key in order, e.g. the <c>Output:</c> lines of a Command.</summary>
    public IReadOnlyList<string> GetAll(string key)
    {
        var result = new List<string>();
        for (var index = IndexOf(key, 0); index >= 0; index = IndexOf(key, index + 1))
        {
            result.Add(ValueAt(index));
        }
        return result;
    }

    /// <summary>Integer value, or null when the key is absent or not a number (Asterisk writes e.g. <c>Uniqueid: &lt;unknown&gt;</c>).</summary>
    public int? GetInt32(string key)
    {
        var index = IndexOf(key, 0);
        if (index < 0) return null;
        var (start, length) = Lines.Value(Body, index);
        var span = Body.Slice(start, length);
        return Utf8Parser.TryParse(span, out int value, out var consumed) && consumed == span.Length ? value : null;
    }

    /// <summary>Asterisk booleans: <c>Yes/No</c>, <c>true/false</c>, <c>1/0</c>, <c>on/off</c>.</summary>
    public bool? GetBoolean(string key) => this[key]?.Trim().ToUpperInvariant() switch
    {
        "YES" or "TRUE" or "1" or "ON" or "Y" => true,
        "NO" or "FALSE" or "0" or "OFF" or "N" => false,
        _ => null,
    };

    public double? GetDouble(string key) =>
        double.TryParse(this[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The message as it came over the wire (lines joined with CRLF, final empty line included).</summary>
    public string ToWireString()
    {
        var builder = new StringBuilder();
        foreach (var field in Fields)
        {
            builder.Append(field.Key).Append(": ").Append(field.Value).Append("\r\n");
        }
        return builder.Append("\r\n").ToString();
    }

    public override string ToString() => $"{Fields[0].Key}: {Fields[0].Value} ({Count} fields)";

    /// <summary>The message's bytes (its slice of a shared slab, see AmiMessageSlab).</summary>
    private ReadOnlySpan<byte> Body => _slab.AsSpan(_start, _length);

    /// <summary>
    /// The line index, built on first use. Two readers may build it at once; both build the same values, so whichever
    /// write lands is right, and the flag is set only after a complete index is stored.
    /// </summary>
    private AmiLineIndex Lines
    {
        get
        {
            if (!_indexed)
            {
                var entries = new int[32];
                var count = AmiLineScanner.Scan(_slab.AsSpan(_start, _frameLength), ref entries, out _, out _);
                _index = new AmiLineIndex(entries, 0, count);
                _indexed = true;
            }
            return _index;
        }
    }

    private protected string ValueAt(int index)
    {
        var values = _values ??= new string?[Count];
        if (values[index] is { } cached) return cached;
        var (start, length) = Lines.Value(Body, index);
        var bytes = Body.Slice(start, length);
        var value = length == 0 ? string.Empty : Encoding.UTF8.GetString(bytes);
        // A value followed by lines without a key holds their line ends; they read as LF whatever Asterisk wrote.
        if (bytes.Contains((byte)'\n')) value = value.Replace("\r\n", "\n", StringComparison.Ordinal);
        values[index] = value;
        return value;
    }

    private int IndexOf(string key, int start)
    {
        for (var i = start; i < Count; i++)
        {
            var keyLength = Lines.KeyLength(i);
            if (keyLength < 0)
            {
                if (string.Equals(key, LegacyOutputKey, StringComparison.OrdinalIgnoreCase)) return i;
                continue;
            }
            if (keyLength == key.Length && Ascii.EqualsIgnoreCase(Body.Slice(Lines.LineStart(i), keyLength), key.AsSpan()))
            {
                return i;
            }
        }
        return -1;
    }

    private KeyValuePair<string, string>[] Materialize()
    {
        var result = new KeyValuePair<string, string>[Count];
        for (var i = 0; i < Count; i++)
        {
            var keyLength = Lines.KeyLength(i);
            var key = keyLength < 0 ? LegacyOutputKey : Encoding.UTF8.GetString(Body.Slice(Lines.LineStart(i), keyLength));
            result[i] = new KeyValuePair<string, string>(key, ValueAt(i));
        }
        return result;
    }
}
