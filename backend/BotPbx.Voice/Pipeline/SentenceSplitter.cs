using System.Text;

namespace BotPbx.Voice.Pipeline;

/// <summary>
/// Cuts the model's streamed text into sentences so text-to-speech can start on the first one while the model is
/// still writing the rest. A sentence ends at . ! ? (or … and the CJK stops) followed by white space; a number's
/// decimal point ("3.5"), common abbreviations ("Dr.", "e.g.") and a lone initial do not end one. A sentence
/// longer than <see cref="MaxLength"/> is cut at its last comma or space, so a model that never stops a sentence still
/// gets spoken. Markdown the model should not have written (*, #, `) is dropped, since it would be read aloud.
/// </summary>
public sealed class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "no", "approx", "dept", "ext", "inc", "ltd", "co",
    };

    private readonly StringBuilder _buffer = new();

    public int MaxLength { get; init; } = 200;

    /// <summary>Adds a fragment; returns the sentences it completed, in order.</summary>
    public IReadOnlyList<string> Add(string fragment)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        foreach (var c in fragment)
        {
            if (c is '*' or '#' or '`' or '_') continue;
            _buffer.Append(c is '\r' or '\n' ? ' ' : c);
        }
        List<string>? sentences = null;
        while (NextEnd() is var end and > 0)
        {
            var sentence = _buffer.ToString(0, end).Trim();
            _buffer.Remove(0, end);
            if (sentence.Length > 0) (sentences ??= []).Add(sentence);
        }
        return sentences ?? (IReadOnlyList<string>)[];
    }

    /// <summary>What is left when the model is done: the last sentence, even without its full stop; null if none.</summary>
    public string? Flush()
    {
        var rest = _buffer.ToString().Trim();
        _buffer.Clear();
        return rest.Length > 0 ? rest : null;
    }

    /// <summary>The length of the first complete sentence in the buffer (through its trailing space), or 0.</summary>
    private int NextEnd()
    {
        for (var i = 0; i + 1 < _buffer.Length; i++)
        {
            var c = _buffer[i];
            if (c is '。' or '！' or '？') return i + 1;
            if (c is not ('.' or '!' or '?' or '…' or ';')) continue;
            // Closing quotes and brackets stay with their sentence.
            var after = i + 1;
            while (after < _buffer.Length && _buffer[after] is '"' or '\'' or ')' or '”' or '’') after++;
            if (after >= _buffer.Length) return 0;
            if (!char.IsWhiteSpace(_buffer[after])) continue;
            if (c == '.' && !EndsSentence(i)) continue;
            return after + 1;
        }
        if (_buffer.Length > MaxLength)
        {
            var cut = LastIndexOf(',', MaxLength);
            if (cut < MaxLength / 2) cut = LastIndexOf(' ', MaxLength);
            return cut > 0 ? cut + 1 : MaxLength;
        }
        return 0;
    }

    /// <summary>Whether the period at <paramref name="dot"/> ends a sentence: not after an abbreviation or a lone initial.</summary>
    private bool EndsSentence(int dot)
    {
        var start = dot;
        while (start > 0 && !char.IsWhiteSpace(_buffer[start - 1])) start--;
        var word = _buffer.ToString(start, dot - start).TrimStart('(', '"', '\'');
        if (word.Length == 1 && char.IsUpper(word[0])) return false;
        return !Abbreviations.Contains(word);
    }

    private int LastIndexOf(char c, int before)
    {
        for (var i = Math.Min(before, _buffer.Length) - 1; i >= 0; i--)
        {
            if (_buffer[i] == c) return i;
        }
        return -1;
    }
}
