using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// The write side: callers encode their action on their own thread and queue the bytes; one loop writes whatever is
/// queued and flushes once, so many concurrent actions share a syscall. Only the loop touches the socket, so a
/// caller's timeout or cancellation can never leave half an action on the wire.
/// </summary>
internal sealed partial class AmiConnection
{
    /// <summary>Actions queued but not yet written; beyond this Asterisk is not reading and callers fail fast.</summary>
    private const int OutboxCapacity = 10_000;

    private readonly Channel<byte[]> _outbox = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(OutboxCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private Task _writeLoop = Task.CompletedTask;

    /// <summary>
    /// Registers <paramref name="pending"/> first (so the answer cannot overtake it), then queues the encoded action.
    /// The bytes are produced here, so changing the <see cref="AmiAction"/> afterwards cannot affect what is sent.
    /// </summary>
    /// <exception cref="AmiConnectionException">The connection is dead or its send queue is full.</exception>
    public void Send(AmiAction action, PendingAction pending)
    {
        var encoded = new ArrayBufferWriter<byte>(256);
        action.WriteTo(encoded, pending.ActionId);
        if (!_pending.TryAdd(pending.ActionId, pending))
        {
            throw new InvalidOperationException($"ActionID {pending.ActionId} is already pending");
        }
        ThrowIfBroken(pending);
        if (_outbox.Writer.TryWrite(encoded.WrittenSpan.ToArray())) return;
        ThrowIfBroken(pending);
        Forget(pending);
        throw new AmiConnectionException($"AMI send queue is full ({OutboxCapacity} actions): Asterisk is not reading");
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            var outbox = _outbox.Reader;
            while (await outbox.WaitToReadAsync().ConfigureAwait(false))
            {
                while (outbox.TryRead(out var bytes)) _writer.Write(bytes);
                var flush = await _writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled) throw new AmiConnectionException("AMI connection closed while writing");
            }
        }
        catch (AmiConnectionException ex)
        {
            Break(ex);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Break(new AmiConnectionException($"AMI socket write failed: {ex.Message}", ex));
        }
    }
}
