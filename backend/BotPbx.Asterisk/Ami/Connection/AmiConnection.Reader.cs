using System.Buffers;
using System.Net.Sockets;

namespace BotPbx.Asterisk.Ami;

/// <summary>The read loop: bytes → messages → pending actions or subscribers. It never awaits a consumer.</summary>
internal sealed partial class AmiConnection
{
    private bool _bannerSeen;
    private string? _shutdownNotice;

    private async Task ReadLoopAsync()
    {
        Exception reason;
        try
        {
            reason = await ReadUntilClosedAsync().ConfigureAwait(false);
        }
        catch (AmiException ex)
        {
            reason = ex;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            reason = new AmiConnectionException($"AMI socket read failed: {ex.Message}", ex);
        }
        Break(reason);
    }

    private async Task<Exception> ReadUntilClosedAsync()
    {
        while (true)
        {
            var result = await _reader.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                while ((_bannerSeen || TryParseBanner(ref buffer)) && !IsBroken && TryParseNext(ref buffer, out var message))
                {
                    if (message is null) continue;
                    // Synchronous unless a subscriber's queue is full: then the reader waits for it (back-pressure).
                    var dispatched = Dispatch(message);
                    if (!dispatched.IsCompletedSuccessfully) await dispatched.ConfigureAwait(false);
                }
                if (result.IsCompleted || result.IsCanceled)
                {
                    return ClosedByPeer(buffer.Length);
                }
            }
            finally
            {
                _reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private bool TryParseBanner(ref ReadOnlySequence<byte> buffer)
    {
        if (!AmiMessageParser.TryParseBanner(ref buffer, out var version)) return false;
        _bannerSeen = true;
        _banner.TrySetResult(version);
        return true;
    }

    /// <summary>
    /// One message off the buffer. A whole message that is not AMI is logged and skipped (message null): one odd
    /// reply must not break the connection and fail every pending action (issue 8).
    /// </summary>
    private bool TryParseNext(ref ReadOnlySequence<byte> buffer, out AmiMessage? message)
    {
        try
        {
            var parsed = AmiMessageParser.TryParse(ref buffer, _maxMessageSize, out var complete);
            message = complete;
            return parsed;
        }
        catch (AmiUnreadableMessageException ex)
        {
            _options.Write(AmiLogLevel.Warning, $"Skipped an AMI message that could not be read: {ex.Message}");
            buffer = buffer.Slice(ex.Length);
            message = null;
            return true;
        }
    }

    private ValueTask Dispatch(AmiMessage message)
    {
        if (message is AmiResponse response)
        {
            // A response with no or an unknown ActionID (one we timed out on) has nobody waiting: drop it.
            if (response.ActionId is { } id && _pending.TryGetValue(id, out var pending) && pending.OnResponse(response))
            {
                Forget(pending);
            }
            return ValueTask.CompletedTask;
        }

        var amiEvent = (AmiEvent)message;
        if (amiEvent.ActionId is { } eventActionId && _pending.TryGetValue(eventActionId, out var owner))
        {
            var result = owner.OnEvent(amiEvent);
            if (result is PendingEventResult.Finished or PendingEventResult.ConsumedAndFinished) Forget(owner);
            if (result is PendingEventResult.Consumed or PendingEventResult.ConsumedAndFinished) return ValueTask.CompletedTask;
        }
        if (amiEvent.Is("Shutdown"))
        {
            // Fixture ami-restart-conn1-before: Shutdown (Restart: True), then EOF 30–40 ms later.
            _shutdownNotice = $"Asterisk shut down (Shutdown: {amiEvent["Shutdown"]}, Restart: {amiEvent["Restart"]})";
        }
        return _onEvent(amiEvent);
    }

    private AmiConnectionException ClosedByPeer(long unparsedBytes)
    {
        var what = _shutdownNotice ?? "Asterisk closed the AMI connection";
        return new AmiConnectionException(unparsedBytes > 0 ? $"{what} in the middle of a message ({unparsedBytes} bytes unparsed)" : what);
    }
}
