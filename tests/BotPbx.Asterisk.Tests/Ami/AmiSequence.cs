using System.Buffers;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/>, as a PipeReader hands out after several reads.</summary>
internal sealed class AmiSequence : ReadOnlySequenceSegment<byte>
{
    private AmiSequence(ReadOnlyMemory<byte> memory) => Memory = memory;

    public static ReadOnlySequence<byte> Of(params ReadOnlyMemory<byte>[] parts)
    {
        if (parts.Length == 0) return ReadOnlySequence<byte>.Empty;
        var first = new AmiSequence(parts[0]);
        var last = first;
        foreach (var part in parts.Skip(1))
        {
            var next = new AmiSequence(part) { RunningIndex = last.RunningIndex + last.Memory.Length };
            last.Next = next;
            last = next;
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
