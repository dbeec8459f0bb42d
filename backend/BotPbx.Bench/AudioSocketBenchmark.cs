using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BotPbx.Asterisk.AudioSocket;

namespace BotPbx.Bench;

/// <summary>
/// 200 concurrent AudioSocket calls for five seconds: each in-process peer sends 8 kHz audio every 20 ms like Asterisk
/// while the server plays five seconds of audio back through its send clock. Prints frames per second both ways and how
/// late the paced frames left against the ideal 20 ms grid.
/// </summary>
public sealed class AudioSocketBenchmark : IBenchmark
{
    private const int Calls = 200;
    private const int FramesPerCall = 250;
    private const int FrameBytes = 320;

    public string Name => "audiosocket";

    public string Description => "AudioSocket frames/s and send-clock jitter (p50/p99/max lateness) with 200 concurrent calls";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lateness = new double[Calls * FramesPerCall];
        var recorded = -1;
        var options = new AudioSocketOptions
        {
            Port = 0,
            AudioFrameSent = (_, late) =>
            {
                var slot = Interlocked.Increment(ref recorded);
                if (slot < lateness.Length) lateness[slot] = late.TotalMilliseconds;
            },
        };
        long framesIn = 0;
        var server = new AudioSocketServer(options, new AudioSocketSessionRegistry(), async (session, token) =>
        {
            var reading = Task.Run(async () =>
            {
                await foreach (var frame in session.Incoming.ReadAllAsync(token).ConfigureAwait(false))
                {
                    if (frame.IsAudio) Interlocked.Increment(ref framesIn);
                }
            }, token);
            await session.SendAudioAsync(new byte[FramesPerCall * FrameBytes], token).ConfigureAwait(false);
            await session.WaitForSentAsync(token).ConfigureAwait(false);
            await session.HangupAsync(token).ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        });
        await using (server.ConfigureAwait(false))
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            var received = await Task.WhenAll(Enumerable.Range(0, Calls).Select(_ => RunCallAsync(server.LocalEndPoint, cancellationToken)))
                .ConfigureAwait(false);
            clock.Stop();

            var framesOut = received.Sum();
            var late = lateness[..Math.Min(lateness.Length, recorded + 1)].Order().ToArray();
            var seconds = clock.Elapsed.TotalSeconds;
            await output.WriteLineAsync($"{Calls} calls, {seconds:0.00} s: server sent {framesOut} frames ({framesOut / seconds:0}/s), " +
                                        $"received {Interlocked.Read(ref framesIn)} ({Interlocked.Read(ref framesIn) / seconds:0}/s)").ConfigureAwait(false);
            await output.WriteLineAsync($"send-clock lateness vs the 20 ms grid over {late.Length} frames: " +
                                        $"p50 {At(late, 0.50):0.000} ms, p99 {At(late, 0.99):0.000} ms, max {(late.Length > 0 ? late[^1] : double.NaN):0.000} ms")
                .ConfigureAwait(false);
        }
    }

    /// <summary>One call as Asterisk makes it: UUID, audio every 20 ms until the server's hang-up frame; returns frames heard.</summary>
    private static async Task<int> RunCallAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        var stream = new NetworkStream(socket, ownsSocket: false);
        await using (stream.ConfigureAwait(false))
        {
            var uuid = new byte[3 + 16];
            uuid[0] = (byte)AudioSocketKind.Uuid;
            uuid[2] = 16;
            Guid.NewGuid().TryWriteBytes(uuid.AsSpan(3), bigEndian: true, out _);
            await stream.WriteAsync(uuid, cancellationToken).ConfigureAwait(false);

            using var hungUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sending = SendAudioAsync(stream, hungUp.Token);
            var heard = 0;
            var header = new byte[3];
            var payload = new byte[ushort.MaxValue];
            while (true)
            {
                await stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
                var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(1));
                await stream.ReadExactlyAsync(payload.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                if (header[0] == (byte)AudioSocketKind.Hangup) break;
                heard++;
            }
            await hungUp.CancelAsync().ConfigureAwait(false);
            await sending.ConfigureAwait(false);
            return heard;
        }
    }

    private static async Task SendAudioAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var frame = new byte[3 + FrameBytes];
        frame[0] = (byte)AudioSocketKind.Slin8;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(1), FrameBytes);
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await ticks.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The server hung up: Asterisk stops sending.
        }
    }

    private static double At(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(fraction * sorted.Length))];
}
