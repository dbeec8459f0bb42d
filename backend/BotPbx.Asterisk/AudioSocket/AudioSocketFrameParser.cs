using System.Buffers;
using System.Buffers.Binary;

namespace BotPbx.Asterisk.AudioSocket;

/// <summary>One frame as read: the kind and the payload, which points into the read buffer until it is advanced.</summary>
internal readonly record struct AudioSocketRawFrame(AudioSocketKind Kind, ReadOnlySequence<byte> Payload);

/// <summary>The AudioSocket framing: 1 byte kind, 2 bytes big-endian payload length, the payload.</summary>
internal static class AudioSocketFrameParser
{
    public const int HeaderLength = 3;
    public const int UuidLength = 16;
    public const int DtmfLength = 1;

    /// <summary>
    /// False: the frame is not complete yet. Throws <see cref="AudioSocketProtocolException"/> for an unknown kind, a
    /// length over <paramref name="maxPayloadLength"/> (checked from the header, before the payload is buffered) or a
    /// length the kind does not allow.
    /// </summary>
    public static bool TryParse(ref ReadOnlySequence<byte> buffer, int maxPayloadLength, out AudioSocketRawFrame frame)
    {
        frame = default;
        if (buffer.Length < HeaderLength) return false;
        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);

        if (!AudioSocketFormats.IsKnown(header[0])) ThrowUnknownKind(header[0]);
        var kind = (AudioSocketKind)header[0];
        int length = BinaryPrimitives.ReadUInt16BigEndian(header[1..]);
        if (length > maxPayloadLength) ThrowTooLong(kind, length, maxPayloadLength);
        CheckLength(kind, length);
        if (buffer.Length < HeaderLength + length) return false;

        frame = new AudioSocketRawFrame(kind, buffer.Slice(HeaderLength, length));
        buffer = buffer.Slice(HeaderLength + length);
        return true;
    }

    /// <summary>Writes one frame (header and payload) into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, AudioSocketKind kind, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > ushort.MaxValue) throw new ArgumentException("An AudioSocket payload is at most 65535 bytes.", nameof(payload));
        destination[0] = (byte)kind;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)payload.Length);
        payload.CopyTo(destination[HeaderLength..]);
        return HeaderLength + payload.Length;
    }

    private static void CheckLength(AudioSocketKind kind, int length)
    {
        var valid = kind switch
        {
            AudioSocketKind.Uuid => length == UuidLength,
            AudioSocketKind.Dtmf => length == DtmfLength,
            AudioSocketKind.Hangup => length == 0,
            AudioSocketKind.Error => true,
            // 16-bit samples: an audio payload is a whole number of samples, and Asterisk refuses empty ones.
            _ => length > 0 && length % 2 == 0,
        };
        if (!valid) throw new AudioSocketProtocolException($"A {kind} frame cannot be {length} bytes long.");
    }

    private static void ThrowUnknownKind(byte kind) =>
        throw new AudioSocketProtocolException($"Unknown AudioSocket frame kind 0x{kind:x2}.");

    private static void ThrowTooLong(AudioSocketKind kind, int length, int max) =>
        throw new AudioSocketProtocolException($"A {kind} frame of {length} bytes is over the limit of {max}.");
}
