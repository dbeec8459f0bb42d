namespace BotPbx.Asterisk.Ami;

/// <summary>
/// Where parsed messages keep their bytes and line index: slices of shared 16 KiB / 4 Ki-int arrays instead of two
/// small arrays per message. At a million events a second the per-message arrays and their zeroing were a large share
/// of the cost (issue 13); slabs this size are allocated without zeroing and are still small-object-heap arrays.
/// The price: one message kept alive keeps its slab (at most 16 KiB) alive. Per thread, so the parser stays a pure
/// static function and needs no lock.
/// </summary>
internal static class AmiMessageSlab
{
    private const int ByteSlabSize = 16 * 1024;
    private const int IntSlabSize = 4 * 1024;

    [ThreadStatic]
    private static byte[]? t_bytes;

    [ThreadStatic]
    private static int t_bytesUsed;

    [ThreadStatic]
    private static int[]? t_ints;

    [ThreadStatic]
    private static int t_intsUsed;

    /// <summary>A copy of <paramref name="source"/> in a slab (or its own array when large); returns the array and where it starts.</summary>
    public static (byte[] Array, int Offset) Copy(ReadOnlySpan<byte> source)
    {
        if (source.Length > ByteSlabSize / 4) return (source.ToArray(), 0);
        var slab = t_bytes;
        var used = t_bytesUsed;
        if (slab is null || used + source.Length > slab.Length)
        {
            slab = t_bytes = GC.AllocateUninitializedArray<byte>(ByteSlabSize);
            used = 0;
        }
        source.CopyTo(slab.AsSpan(used));
        t_bytesUsed = used + source.Length;
        return (slab, used);
    }

    /// <summary>The same for the line index.</summary>
    public static (int[] Array, int Offset) Copy(ReadOnlySpan<int> source)
    {
        if (source.Length > IntSlabSize / 4) return (source.ToArray(), 0);
        var slab = t_ints;
        var used = t_intsUsed;
        if (slab is null || used + source.Length > slab.Length)
        {
            slab = t_ints = GC.AllocateUninitializedArray<int>(IntSlabSize);
            used = 0;
        }
        source.CopyTo(slab.AsSpan(used));
        t_intsUsed = used + source.Length;
        return (slab, used);
    }
}
