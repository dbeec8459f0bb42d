using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace BotPbx.Asterisk.AudioSocket;

/// <summary>Runs a session from <see cref="AudioSocketServer"/>; the token fires when the session closes or the server stops.</summary>
public delegate Task AudioSocketHandler(IAudioSocketSession session, CancellationToken cancellationToken);

/// <summary>
/// The life of one AudioSocket connection: the UUID frame, registration, then one read loop feeding the session while
/// the session's send clock writes audio and the handler (if any) runs. Asterisk ends a call with a plain close, never a
/// hang-up frame (fixture caller-speech-dtmf-hangup), so EOF is the normal end of a call.
/// </summary>
internal sealed class AudioSocketConnection(
    Socket socket, AudioSocketOptions options, AudioSocketSessionRegistry registry, AudioSocketHandler? handler)
{
    private readonly EndPoint? _remote = socket.RemoteEndPoint;
    private long _lastRead;
    private int _idle;

    public async Task RunAsync(CancellationToken stopping)
    {
        var stream = new NetworkStream(socket, ownsSocket: true);
        await using (stream.ConfigureAwait(false))
        {
            var input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
            try
            {
                if (await ReadUuidAsync(input, stopping).ConfigureAwait(false) is not { } id) return;
                var session = new AudioSocketSession(id, socket, options);
                await using (session.ConfigureAwait(false))
                {
                    if (!registry.TryAdd(session))
                    {
                        Log(AudioSocketLogLevel.Warning, $"A session with UUID {id} is already live; refusing the second connection.", id);
                        return;
                    }
                    try
                    {
                        await RunSessionAsync(session, input, stopping).ConfigureAwait(false);
                    }
                    finally
                    {
                        registry.Remove(session);
                    }
                }
            }
            finally
            {
                await input.CompleteAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task RunSessionAsync(AudioSocketSession session, PipeReader input, CancellationToken stopping)
    {
        _lastRead = options.TimeProvider.GetTimestamp();
        using var watchdog = StartIdleWatchdog(session);
        var reading = ReadFramesAsync(input, session);
        var pacing = session.RunPacerAsync();
        var handling = RunHandlerAsync(session, stopping);
        await reading.ConfigureAwait(false);
        socket.Dispose();
        await pacing.ConfigureAwait(false);
        await handling.ConfigureAwait(false);
        Log(AudioSocketLogLevel.Debug,
            $"Session ended ({session.CloseReason}): {session.FramesReceived} frames in, {session.FramesSent} out.", session.Id);
    }

    /// <summary>Runs the handler (or, without one, waits for the end); a session still open afterwards is hung up.</summary>
    private async Task RunHandlerAsync(AudioSocketSession session, CancellationToken stopping)
    {
        using (var token = CancellationTokenSource.CreateLinkedTokenSource(session.Closed, stopping))
        {
            try
            {
                if (handler is null) await Task.Delay(Timeout.Infinite, token.Token).ConfigureAwait(false);
                else await handler(session, token.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (token.IsCancellationRequested && e is OperationCanceledException or AudioSocketClosedException)
            {
                // The call ended or the server is stopping.
            }
            catch (Exception e)
            {
                Log(AudioSocketLogLevel.Error, "The AudioSocket handler failed.", session.Id, e);
            }
        }
        if (!session.IsClosed) await session.HangupAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<Guid?> ReadUuidAsync(PipeReader input, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(options.UuidTimeout);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                var parsed = false;
                try
                {
                    if (AudioSocketFrameParser.TryParse(ref buffer, options.MaxPayloadLength, out var frame))
                    {
                        parsed = true;
                        if (frame.Kind != AudioSocketKind.Uuid)
                        {
                            throw new AudioSocketProtocolException($"The first frame must be the UUID, not {frame.Kind}.");
                        }
                        Span<byte> bytes = stackalloc byte[AudioSocketFrameParser.UuidLength];
                        frame.Payload.CopyTo(bytes);
                        // Network order, as the fixtures show: 0f15bc33861e… is 0f15bc33-861e-….
                        return new Guid(bytes, bigEndian: true);
                    }
                    if (result.IsCompleted || result.IsCanceled) return null;
                }
                finally
                {
                    // Audio right behind the UUID (within 1–2 ms with AudioSocket()) stays for the read loop.
                    input.AdvanceTo(buffer.Start, parsed ? buffer.Start : buffer.End);
                }
            }
        }
        catch (AudioSocketProtocolException e)
        {
            Log(AudioSocketLogLevel.Warning, "Bad first frame; closing the connection.", Guid.Empty, e);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            Log(AudioSocketLogLevel.Warning, $"No UUID frame within {options.UuidTimeout.TotalSeconds:0.#} s; closing.", Guid.Empty);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            Log(AudioSocketLogLevel.Debug, "The connection failed before its UUID frame.", Guid.Empty, e);
        }
        return null;
    }

    /// <summary>The one read loop: every frame goes to the session in order, until EOF, a hang-up frame or an error.</summary>
    private async Task ReadFramesAsync(PipeReader input, AudioSocketSession session)
    {
        AudioSocketCloseReason reason;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                Volatile.Write(ref _lastRead, options.TimeProvider.GetTimestamp());
                var buffer = result.Buffer;
                try
                {
                    while (!session.IsClosed && AudioSocketFrameParser.TryParse(ref buffer, options.MaxPayloadLength, out var frame))
                    {
                        if (frame.Kind == AudioSocketKind.Error)
                        {
                            Log(AudioSocketLogLevel.Warning, $"Asterisk reported an error (payload {Convert.ToHexString(frame.Payload.ToArray())}).", session.Id);
                        }
                        session.OnFrame(frame);
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }
                if (session.IsClosed) return;
                if (result.IsCompleted || result.IsCanceled)
                {
                    reason = session.HangupRequested ? AudioSocketCloseReason.ServerHangup : AudioSocketCloseReason.PeerClosed;
                    break;
                }
            }
        }
        catch (AudioSocketProtocolException e)
        {
            Log(AudioSocketLogLevel.Warning, "Protocol error from Asterisk; closing the connection.", session.Id, e);
            reason = AudioSocketCloseReason.ProtocolError;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            reason = session.HangupRequested ? AudioSocketCloseReason.ServerHangup
                : Volatile.Read(ref _idle) != 0 ? AudioSocketCloseReason.IdleTimeout
                : AudioSocketCloseReason.ConnectionFailed;
        }
        session.Close(reason);
    }

    /// <summary>
    /// Closes this connection alone when Asterisk has sent nothing for <see cref="AudioSocketOptions.IdleTimeout"/>.
    /// The read loop only stamps the time of each read (cheap at 50 frames/s per call); a timer checks it four times
    /// per timeout, so a session costs no timer reset per frame.
    /// </summary>
    private ITimer? StartIdleWatchdog(AudioSocketSession session)
    {
        var limit = options.IdleTimeout;
        if (limit == Timeout.InfiniteTimeSpan) return null;
        var period = limit / 4;
        return options.TimeProvider.CreateTimer(_ =>
        {
            if (session.IsClosed || options.TimeProvider.GetElapsedTime(Volatile.Read(ref _lastRead)) < limit) return;
            if (Interlocked.Exchange(ref _idle, 1) != 0) return;
            Log(AudioSocketLogLevel.Warning, $"No frame from Asterisk for {limit.TotalSeconds:0.###} s; closing the connection.", session.Id);
            socket.Dispose();
        }, null, period, period);
    }

    private void Log(AudioSocketLogLevel level, string message, Guid session, Exception? exception = null) =>
        AudioSocketServer.Log(options, level, message, session, _remote, exception);
}
