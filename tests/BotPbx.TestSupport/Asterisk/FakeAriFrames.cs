using System.Buffers.Binary;
using System.Text;

namespace BotPbx.TestSupport.Asterisk;

/// <summary>RFC 6455 frames as Asterisk writes them (unmasked, FIN set) and as clients write them (masked).</summary>
public static class FakeAriFrames
{
    public const byte Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA;

    public static byte[] TextFrame(string text) => Frame(Text, Encoding.UTF8.GetBytes(text));

    public static byte[] CloseFrame(ushort code, string reason = "")
    {
        var payload = new byte[2 + Encoding.UTF8.GetByteCount(reason)];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        Encoding.UTF8.GetBytes(reason, payload.AsSpan(2));
        return Frame(Close, payload);
    }

    /// <summary>An unmasked server frame: <c>81 7e &lt;len16&gt;</c> for most events, as in the fixtures.</summary>
    public static byte[] Frame(byte opcode, ReadOnlySpan<byte> payload, bool fin = true)
    {
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | opcode) };
        if (payload.Length < 126)
            header.Add((byte)payload.Length);
        else if (payload.Length <= ushort.MaxValue)
        {
            header.Add(126);
            header.Add((byte)(payload.Length >> 8));
            header.Add((byte)payload.Length);
        }
        else
        {
            header.Add(127);
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
            header.AddRange(length);
        }
        return [.. header, .. payload];
    }

    /// <summary>Decodes one complete frame at the start of <paramref name="data"/> (unmasking if masked).</summary>
    public static FakeAriFrame Decode(ReadOnlySpan<byte> data, out int consumed)
    {
        var fin = (data[0] & 0x80) != 0;
        var opcode = (byte)(data[0] & 0x0F);
        var masked = (data[1] & 0x80) != 0;
        long length = data[1] & 0x7F;
        var offset = 2;
        if (length == 126)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            offset = 4;
        }
        else if (length == 127)
        {
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(data[2..]);
            offset = 10;
        }
        var mask = masked ? data.Slice(offset, 4).ToArray() : null;
        if (masked)
            offset += 4;
        var payload = data.Slice(offset, (int)length).ToArray();
        if (mask is not null)
        {
            for (var i = 0; i < payload.Length; i++)
                payload[i] ^= mask[i % 4];
        }
        consumed = offset + (int)length;
        return new FakeAriFrame(fin, opcode, masked, payload);
    }
}

public sealed record FakeAriFrame(bool Fin, byte Opcode, bool Masked, byte[] Payload)
{
    public string Text => Encoding.UTF8.GetString(Payload);

    public ushort? CloseCode => Opcode == FakeAriFrames.Close && Payload.Length >= 2
        ? BinaryPrimitives.ReadUInt16BigEndian(Payload)
        : null;
}
