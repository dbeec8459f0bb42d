using System.Security.Cryptography;
using System.Text;

namespace BotPbx.TestSupport.Asterisk;

/// <summary>What the fake does with one websocket upgrade: refuse it with recorded bytes, or accept it and run a
/// script against the peer.</summary>
public sealed class FakeAriWebSocketSession
{
    private FakeAriWebSocketSession() { }

    internal byte[]? Rejection { get; private init; }

    internal Func<FakeAriWebSocketPeer, CancellationToken, Task>? Script { get; private init; }

    /// <summary>Like Asterisk: a client ping gets a pong with the same payload. Off = a peer that went silent.</summary>
    public bool AnswerPings { get; init; } = true;

    /// <summary>Answer the upgrade with these bytes (e.g. the 401 or the two 400s of the fixtures), then close.</summary>
    public static FakeAriWebSocketSession Reject(byte[] response) => new() { Rejection = response };

    /// <summary>Answer 101, then run <paramref name="script"/>; the TCP connection is closed when it returns.</summary>
    public static FakeAriWebSocketSession Accept(Func<FakeAriWebSocketPeer, CancellationToken, Task> script, bool answerPings = true) =>
        new() { Script = script, AnswerPings = answerPings };

    /// <summary>Answer 101 and stay open until the client closes (the default for unscripted upgrades).</summary>
    public static FakeAriWebSocketSession HoldOpen(bool answerPings = true) =>
        Accept((peer, ct) => peer.ClientClosed.WaitAsync(ct), answerPings);
}

/// <summary>The server side of one accepted ARI websocket. A background reader records the client's frames,
/// answers pings with pongs and echoes a close with code 1000 and no reason before closing TCP, as Asterisk does
/// (fixture ari-stasis-call-websocket).</summary>
public sealed class FakeAriWebSocketPeer : IDisposable
{
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private readonly Stream stream;
    private readonly FakeAriConnectionReader reader;
    private readonly bool answerPings;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly List<FakeAriFrame> frames = [];
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource frameArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeAriWebSocketPeer(Stream stream, FakeAriConnectionReader reader, FakeAriRequest upgrade, bool answerPings)
    {
        this.stream = stream;
        this.reader = reader;
        this.answerPings = answerPings;
        Upgrade = upgrade;
    }

    public FakeAriRequest Upgrade { get; }

    /// <summary>Completes when the client sent a close frame or closed/reset the TCP connection.</summary>
    public Task ClientClosed => closed.Task;

    public IReadOnlyList<FakeAriFrame> ReceivedFrames
    {
        get { lock (frames) return frames.ToArray(); }
    }

    /// <summary>Writes raw bytes (a recorded TCP read, or hand-made frames), optionally one byte per write.</summary>
    public async Task SendAsync(byte[] bytes, CancellationToken cancellationToken, bool oneByteAtATime = false)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            if (!oneByteAtATime)
                await stream.WriteAsync(bytes, cancellationToken);
            else
            {
                for (var i = 0; i < bytes.Length; i++)
                {
                    await stream.WriteAsync(bytes.AsMemory(i, 1), cancellationToken);
                    await stream.FlushAsync(cancellationToken);
                }
            }
            await stream.FlushAsync(cancellationToken);
        }
        finally
        {
            writeLock.Release();
        }
    }

    public Task SendTextAsync(string json, CancellationToken cancellationToken) =>
        SendAsync(FakeAriFrames.TextFrame(json), cancellationToken);

    public Task SendCloseAsync(ushort code, CancellationToken cancellationToken) =>
        SendAsync(FakeAriFrames.CloseFrame(code), cancellationToken);

    /// <summary>Waits for the first client frame with <paramref name="opcode"/> (already received or still to come).</summary>
    public async Task<FakeAriFrame> WaitForFrameAsync(byte opcode, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (frames)
            {
                if (frames.FirstOrDefault(f => f.Opcode == opcode) is { } frame)
                    return frame;
                signal = frameArrived.Task;
            }
            await Task.WhenAny(signal, closed.Task).WaitAsync(cancellationToken);
            if (closed.Task.IsCompleted && !signal.IsCompleted)
            {
                lock (frames)
                {
                    return frames.FirstOrDefault(f => f.Opcode == opcode)
                        ?? throw new InvalidOperationException($"client closed without sending opcode {opcode}");
                }
            }
        }
    }

#pragma warning disable CA5350 // RFC 6455 §4.2.2 defines Sec-WebSocket-Accept with SHA-1; it is not used for security.
    internal static string AcceptKey(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
#pragma warning restore CA5350

    /// <summary>The 101 as Asterisk writes it; <c>Sec-WebSocket-Protocol: ari</c> only when the client offered it.</summary>
    internal static byte[] SwitchingProtocols(FakeAriRequest upgrade)
    {
        var text = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
            .Append("Sec-WebSocket-Accept: ").Append(AcceptKey(upgrade.Headers["Sec-WebSocket-Key"])).Append("\r\n");
        if (upgrade.Headers.TryGetValue("Sec-WebSocket-Protocol", out var protocol) && protocol.Contains("ari", StringComparison.Ordinal))
            text.Append("Sec-WebSocket-Protocol: ari\r\n");
        return Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
    }

    public void Dispose() => writeLock.Dispose();

    internal async Task ReadClientFramesAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await reader.ReadFrameAsync(cancellationToken) is { } frame)
            {
                lock (frames)
                {
                    frames.Add(frame);
                    frameArrived.TrySetResult();
                    frameArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                if (frame.Opcode == FakeAriFrames.Ping && answerPings)
                    await SendAsync(FakeAriFrames.Frame(FakeAriFrames.Pong, frame.Payload), cancellationToken);
                if (frame.Opcode == FakeAriFrames.Close)
                {
                    await SendAsync(FakeAriFrames.CloseFrame(1000), cancellationToken);
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is gone; that is what ClientClosed reports.
        }
        finally
        {
            closed.TrySetResult();
        }
    }
}
