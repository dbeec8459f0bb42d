using System.Text;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// Reuses the strings of event names and response statuses (a few hundred distinct values in all of Asterisk),
/// so that parsing an event does not allocate its name. A fixed-size, lock-free table: a slot holds the last name
/// that hashed to it; a race only costs an extra allocation. Bounded, so odd input cannot grow it.
/// </summary>
internal static class AmiNameCache
{
    private const int SlotCount = 1024;
    private static readonly string?[] Slots = new string?[SlotCount];

    public static string Get(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > 64) return Encoding.UTF8.GetString(ascii);
        var slot = (int)((uint)Hash(ascii) % SlotCount);
        var cached = Volatile.Read(ref Slots[slot]);
        if (cached is not null && cached.Length == ascii.Length && Ascii.Equals(ascii, cached)) return cached;
        var created = Encoding.UTF8.GetString(ascii);
        Volatile.Write(ref Slots[slot], created);
        return created;
    }

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = (uint)2166136261;
        foreach (var b in bytes) hash = (hash ^ b) * 16777619;
        return (int)hash;
    }
}
