using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using BotPbx.Asterisk.AudioSocket;

namespace BotPbx.Bench.Agents;

/// <summary>
/// Asterisk's side of one agent call over a real loopback socket: the UUID, then one 20 ms slin16 frame each time
/// <see cref="TickAsync"/> is called (speech while <see cref="Speaking"/>, else silence); reads everything the agent sends.
/// </summary>
internal sealed class BenchCaller : IAsyncDisposable
{
    public const int FrameBytes = 640;
    private static readonly byte[] Silence = Frame(0);
    private static readonly byte[] Speech = Frame(5000);
    private readonly Socket _socket;
    private readonly Task _reading;
    private long _soundFrames;

    private BenchCaller(Socket socket, Guid id)
    {
        _socket = socket;
        Id = id;
        _reading = Task.Run(ReadAsync);
    }

    public Guid Id { get; }

    public bool Speaking { get; set; }

    /// <summary>Frames of agent audio (not silence) received so far.</summary>
    public long SoundFrames => Interlocked.Read(ref _soundFrames);

    public DateTimeOffset LastSound { get; private set; }

    public static async Task<BenchCaller> ConnectAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        var id = Guid.NewGuid();
        var uuid = new byte[3 + 16];
        uuid[0] = (byte)AudioSocketKind.Uuid;
        uuid[2] = 16;
        id.TryWriteBytes(uuid.AsSpan(3), bigEndian: true, out _);
        await socket.SendAsync(uuid, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        return new BenchCaller(socket, id);
    }

    public async ValueTask TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendAsync(Speaking ? Speech : Silence, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // The agent hung up.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ReadAsync()
    {
        var header = new byte[3];
        var payload = new byte[ushort.MaxValue];
        using var stream = new NetworkStream(_socket, ownsSocket: false);
        while (true)
        {
            await stream.ReadExactlyAsync(header).ConfigureAwait(false);
            var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(1));
            await stream.ReadExactlyAsync(payload.AsMemory(0, length)).ConfigureAwait(false);
            if (header[0] == (byte)AudioSocketKind.Hangup) return;
            if (length > 0 && (payload[0] != 0 || payload[1] != 0 || payload[length / 2] != 0))
            {
                Interlocked.Increment(ref _soundFrames);
                LastSound = DateTimeOffset.UtcNow;
            }
        }
    }

    private static byte[] Frame(double amplitude)
    {
        var frame = new byte[3 + FrameBytes];
        frame[0] = (byte)AudioSocketKind.Slin16;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(1), FrameBytes);
        for (var i = 0; i < FrameBytes / 2; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(frame.AsSpan(3 + (2 * i)), (short)(amplitude * Math.Sin(2 * Math.PI * 300 * i / 16_000.0)));
        }
        return frame;
    }
}
