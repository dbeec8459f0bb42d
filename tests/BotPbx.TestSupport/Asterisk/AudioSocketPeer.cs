using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace BotPbx.TestSupport.Asterisk;

/// <summary>One AudioSocket frame as it crossed the wire: kind byte and payload.</summary>
public readonly record struct AudioSocketPeerFrame(byte Kind, byte[] Payload);

/// <summary>
/// Plays Asterisk's side of AudioSocket over a real loopback socket, the way Asterisk 22 does it (fixtures
/// audiosocket-*): the UUID frame first, audio and DTMF frames after, a plain close (no hang-up frame) when the caller
/// hangs up, and an immediate close when the server sends the hang-up frame <c>00 00 00</c>. Every frame the server
/// sends is recorded.
/// <code>
/// await using var peer = await AudioSocketPeer.ConnectAsync(server.LocalEndPoint, callId, ct);
/// await peer.SendAudioAsync(new byte[320], ct);                  // 20 ms of 8 kHz silence
/// await peer.SendDtmfAsync('1', ct);
/// await peer.WaitUntilAsync(frames => frames.Count(f => f.Kind == AudioSocketPeer.KindSlin8) >= 5, ct);
/// await peer.CloseAsync();                                       // the caller hangs up
/// </code>
/// </summary>
public sealed class AudioSocketPeer : IAsyncDisposable
{
    public const byte KindHangup = 0x00;
    public const byte KindUuid = 0x01;
    public const byte KindDtmf = 0x03;
    public const byte KindSlin8 = 0x10;
    public const byte KindSlin16 = 0x12;
    public const byte KindError = 0xff;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly List<AudioSocketPeerFrame> _received = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;

    private AudioSocketPeer(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    /// <summary>Every frame received from the server so far, in order.</summary>
    public IReadOnlyList<AudioSocketPeerFrame> Received
    {
        get
        {
            lock (_lock) return [.. _received];
        }
    }

    /// <summary>Whether the server sent the hang-up frame (the peer then closed at once, as Asterisk does).</summary>
    public bool ReceivedHangup => Received.Any(f => f.Kind == KindHangup);

    /// <summary>Completes when the connection is over: the server closed it or hung up, or the peer closed it.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Connects and sends the UUID frame, as <c>AudioSocket(uuid,…)</c> does first.</summary>
    public static async Task<AudioSocketPeer> ConnectAsync(IPEndPoint server, Guid id, CancellationToken cancellationToken)
    {
        var peer = await ConnectRawAsync(server, cancellationToken).ConfigureAwait(false);
        var uuid = new byte[16];
        id.TryWriteBytes(uuid, bigEndian: true, out _);
        await peer.SendFrameAsync(KindUuid, uuid, cancellationToken).ConfigureAwait(false);
        return peer;
    }

    /// <summary>Connects without sending anything, for tests of broken first frames.</summary>
    public static async Task<AudioSocketPeer> ConnectRawAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var peer = new AudioSocketPeer(socket);
        peer._loop = Task.Run(peer.ReceiveAsync, CancellationToken.None);
        return peer;
    }

    /// <summary>One audio frame; 320 bytes of kind 0x10 is 20 ms at 8 kHz, 640 bytes of 0x12 is 20 ms at 16 kHz.</summary>
    public Task SendAudioAsync(ReadOnlyMemory<byte> samples, CancellationToken cancellationToken, byte kind = KindSlin8) =>
        SendFrameAsync(kind, samples, cancellationToken);

    /// <summary>A DTMF frame <c>03 00 01 &lt;digit&gt;</c>, as Asterisk sends it in the middle of the audio.</summary>
    public Task SendDtmfAsync(char digit, CancellationToken cancellationToken) =>
        SendFrameAsync(KindDtmf, new[] { (byte)digit }, cancellationToken);

    public async Task SendFrameAsync(byte kind, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var frame = new byte[3 + payload.Length];
        frame[0] = kind;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(1), checked((ushort)payload.Length));
        payload.CopyTo(frame.AsMemory(3));
        await SendRawAsync(frame, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes bytes as they are: recorded chunks, garbage, a header without its payload.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Waits until the frames received so far satisfy <paramref name="condition"/>; fails if the connection ends first.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<AudioSocketPeerFrame>, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition(_received)) return;
                changed = _changed.Task;
            }
            // The receive loop records every frame before it completes, so nothing can arrive after this.
            if (_completion.Task.IsCompleted)
            {
                throw new InvalidOperationException($"The connection ended after {Received.Count} frames without the awaited condition.");
            }
            await Task.WhenAny(changed, _completion.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the call the way Asterisk does when the caller hangs up: a plain close, no hang-up frame.</summary>
    public async Task CloseAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the server.
        }
        _socket.Close();
        await _loop.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _loop.ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _writeLock.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var header = new byte[3];
        try
        {
            while (await ReadExactlyOrEndAsync(header).ConfigureAwait(false))
            {
                var payload = new byte[BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(1))];
                if (!await ReadExactlyOrEndAsync(payload).ConfigureAwait(false)) break;
                Record(new AudioSocketPeerFrame(header[0], payload));
                // Asterisk closes the socket in the same millisecond it reads a hang-up frame.
                if (header[0] == KindHangup) break;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The connection is gone; Completion reports it.
        }
        _socket.Dispose();
        _completion.TrySetResult();
        lock (_lock) _changed.TrySetResult();
    }

    private async Task<bool> ReadExactlyOrEndAsync(byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer.AsMemory(read)).ConfigureAwait(false);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }

    private void Record(AudioSocketPeerFrame frame)
    {
        lock (_lock)
        {
            _received.Add(frame);
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }
}
