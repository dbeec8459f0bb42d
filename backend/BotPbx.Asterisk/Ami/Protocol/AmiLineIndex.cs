namespace BotPbx.Asterisk.Ami;

/// <summary>
/// Where each keyed line of a message starts and how long its key is: two ints per line, nothing else, so a parsed
/// event costs one small array besides its bytes. A field ends where the next keyed line begins (minus LF and an
/// optional CR); the last ends with the message. Lines without a key in between are not indexed: they belong to the
/// value before them, which then spans several lines. Key length -1 marks a raw output line of the legacy
/// <c>Response: Follows</c> form.
/// </summary>
internal readonly struct AmiLineIndex
{
    private readonly int[] _entries;
    private readonly int _offset;

    public AmiLineIndex(int[] entries, int offset, int count)
    {
        _entries = entries;
        _offset = offset;
        Count = count;
    }

    public int Count { get; }

    public int LineStart(int index) => _entries[_offset + (index * 2)];

    public int KeyLength(int index) => _entries[_offset + (index * 2) + 1];

    /// <summary>Start and length of the value: after the colon and exactly one space (more spaces belong to the value).</summary>
    public (int Start, int Length) Value(ReadOnlySpan<byte> bytes, int index)
    {
        var lineStart = LineStart(index);
        var keyLength = KeyLength(index);
        // After the last line comes the message end; a body ending in LF (legacy form) ends the line at that LF.
        var nextStart = index + 1 < Count ? LineStart(index + 1) : bytes.Length > 0 && bytes[^1] == '\n' ? bytes.Length : bytes.Length + 1;
        var end = nextStart - 1;
        if (end > lineStart && bytes[end - 1] == '\r') end--;
        var start = keyLength < 0 ? lineStart : lineStart + keyLength + 1;
        if (keyLength >= 0 && start < end && bytes[start] == ' ') start++;
        return (start, Math.Max(0, end - start));
    }
}
