using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace BotPbx.Asterisk.Agi;

/// <summary>
/// The life of one FastAGI connection: read the environment, route, run the handler while one read loop feeds replies
/// to the session, then half-close. Asterisk answers the half-close with a last <c>HANGUP</c> line and closes
/// (README FastAGI note 7: it is in every fastagi-* capture), which the read loop consumes before the socket is closed.
/// </summary>
internal sealed class AgiConnection(Socket socket, SessionSlot slot, FastAgiOptions options, AgiRouter router, AgiCommandWatchdog watchdog)
{
    private readonly EndPoint? _remote = socket.RemoteEndPoint;

    public async Task RunAsync(CancellationToken stopping)
    {
        var stream = new NetworkStream(socket, ownsSocket: true);
        await using (stream.ConfigureAwait(false))
        {
            var input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
            try
            {
                var request = await ReadEnvironmentAsync(input, stopping).ConfigureAwait(false);
                if (request is null) return;
                if (!router.TryMatch(request.Path, out var handler, out var routeValues))
                {
                    Log(FastAgiLogLevel.Warning, $"No handler for '{request.Path}' (channel {request.Channel}); closing.");
                    slot.Release();
                    await CloseGracefullyAsync(DrainAsync(input)).ConfigureAwait(false);
                    return;
                }
                var session = new AgiSession(socket, options, request, routeValues);
                await using (session.ConfigureAwait(false))
                {
                    watchdog.Add(session);
                    try
                    {
                        await RunSessionAsync(session, handler, input, stopping).ConfigureAwait(false);
                    }
                    finally
                    {
                        watchdog.Remove(session);
                    }
                }
            }
            finally
            {
                await input.CompleteAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task RunSessionAsync(AgiSession session, AgiHandler handler, PipeReader input, CancellationToken stopping)
    {
        // A closed session (protocol error, command timeout, peer gone) aborts the socket at once, which also ends
        // the read loop; the handler then sees its commands fail and its token fire.
        using var abort = session.Closed.UnsafeRegister(static s => ((Socket)s!).Dispose(), socket);
        var reading = ReadRepliesAsync(input, session);
        using (var handlerToken = CancellationTokenSource.CreateLinkedTokenSource(session.Hangup, stopping))
        {
            try
            {
                await handler(session, handlerToken.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (handlerToken.IsCancellationRequested &&
                                      e is OperationCanceledException or AgiConnectionClosedException or AgiDeadChannelException)
            {
                Log(FastAgiLogLevel.Debug, $"Handler for '{session.Request.Path}' ended by hang-up or shutdown.", e);
            }
            catch (Exception e)
            {
                Log(FastAgiLogLevel.Error, $"Handler for '{session.Request.Path}' failed (channel {session.Request.Channel}).", e);
            }
        }
        // The call is over for the session limit now, not when Asterisk's last HANGUP arrives (issue 13).
        slot.Release();
        await CloseGracefullyAsync(reading).ConfigureAwait(false);
        session.Close(new AgiConnectionClosedException("The FastAGI session ended."));
    }

    /// <summary>Half-closes, then gives Asterisk <see cref="FastAgiOptions.CloseTimeout"/> to send its HANGUP and close.</summary>
    private async Task CloseGracefullyAsync(Task reading)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
            await reading.WaitAsync(options.CloseTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or TimeoutException)
        {
            Log(FastAgiLogLevel.Debug, "Asterisk did not close the connection after the half-close; closing it.", e);
        }
        finally
        {
            socket.Dispose();
        }
        await reading.ConfigureAwait(false);
    }

    private async Task<AgiRequest?> ReadEnvironmentAsync(PipeReader input, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(options.EnvironmentTimeout);
        var environment = new AgiEnvironmentBuilder(options.MaxEnvironmentLines);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                var complete = false;
                try
                {
                    while (!complete && AgiLineParser.TryParse(ref buffer, options.MaxLineLength, out var line))
                    {
                        complete = environment.Add(line);
                    }
                    if (complete) return environment.Build();
                    if (result.IsCompleted || result.IsCanceled)
                    {
                        Log(FastAgiLogLevel.Warning, "The connection closed before the agi_* environment was complete.");
                        return null;
                    }
                }
                finally
                {
                    // Once the block is complete, whatever follows it (a HANGUP already) stays unexamined for the reply loop.
                    input.AdvanceTo(buffer.Start, complete ? buffer.Start : buffer.End);
                }
            }
        }
        catch (AgiProtocolException e)
        {
            Log(FastAgiLogLevel.Warning, "Bad agi_* environment; closing the connection.", e);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            Log(FastAgiLogLevel.Warning, $"No complete agi_* environment within {options.EnvironmentTimeout.TotalSeconds:0.#} s; closing.");
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            Log(FastAgiLogLevel.Debug, "The connection failed while reading the agi_* environment.", e);
        }
        return null;
    }

    /// <summary>The one read loop of a session: every reply and HANGUP line goes to the session, in order.</summary>
    private async Task ReadRepliesAsync(PipeReader input, AgiSession session)
    {
        Exception reason;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (AgiReplyParser.TryParse(ref buffer, options.MaxLineLength, out var message))
                    {
                        if (message.IsHangup) session.OnHangup();
                        else session.OnReply(message.Reply!);
                    }
                    if (result.IsCompleted || result.IsCanceled)
                    {
                        reason = buffer.IsEmpty
                            ? new AgiConnectionClosedException("Asterisk closed the FastAGI connection.")
                            : new AgiProtocolException("The connection closed in the middle of a line.");
                        break;
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
        catch (AgiProtocolException e)
        {
            reason = e;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            reason = new AgiConnectionClosedException("The FastAGI connection failed.", e);
        }
        if (reason is AgiProtocolException)
        {
            Log(FastAgiLogLevel.Warning, $"Protocol error from Asterisk on channel {session.Request.Channel}; closing.", reason);
        }
        session.Close(reason);
    }

    /// <summary>Reads and ignores what Asterisk still sends (its final HANGUP) until it closes.</summary>
    private static async Task DrainAsync(PipeReader input)
    {
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled) return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The socket was closed under the drain: that is how the close timeout ends it.
        }
    }

    private void Log(FastAgiLogLevel level, string message, Exception? exception = null) =>
        FastAgiServer.Log(options, level, message, _remote, exception);
}
