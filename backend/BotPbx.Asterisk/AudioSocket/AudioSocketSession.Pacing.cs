using System.Net.Sockets;

namespace BotPbx.Asterisk.AudioSocket;

internal sealed partial class AudioSocketSession
{
    /// <summary>
    /// The send side: takes one frame of queued audio per clock tick and writes it. Idle (nothing queued) it waits for
    /// audio and then resumes the grid (see <see cref="AudioSocketSendClock"/> for how it catches up), so no silence is
    /// generated; Asterisk accepted server audio written frame by frame without a reply (fixture caller-speech-dtmf-hangup).
    /// </summary>
    internal async Task RunPacerAsync()
    {
        var clock = new AudioSocketSendClock(_options.TimeProvider, _options.FrameDuration, _options.MaxCatchUpFrames, _options.CatchUpWindow);
        var buffer = new byte[AudioSocketFrameParser.HeaderLength + ushort.MaxValue];
        var token = _closed.Token;
        clock.Restart();
        try
        {
            while (!token.IsCancellationRequested && !HangupRequested)
            {
                if (_outgoing.QueuedBytes == 0)
                {
                    await _outgoing.WaitForDataAsync().ConfigureAwait(false);
                    if (_outgoing.IsCompleted) break;
                    clock.Resume();
                    continue;
                }
                var delay = clock.NextDelay();
                if (delay > TimeSpan.Zero)
                {
                    await _pacerDelay.WaitAsync(delay).ConfigureAwait(false);
                    // Woken early because the session closed: the loop condition ends it.
                    continue;
                }

                var kind = OutputKind;
                var frameBytes = AudioSocketFormats.BytesPer(kind, _options.FrameDuration);
                var payload = buffer.AsSpan(AudioSocketFrameParser.HeaderLength, frameBytes);
                var taken = _outgoing.Dequeue(payload);
                if (taken == 0) continue;
                // The tail of an utterance is padded with silence so every frame carries the same 20 ms.
                payload[taken..].Clear();
                var length = AudioSocketFrameParser.Write(buffer, kind, payload);
                var written = await TryWriteFrameAsync(buffer.AsMemory(0, length), token).ConfigureAwait(false);
                _outgoing.FrameSent();
                if (!written) break;

                var lateness = clock.FrameSent();
                Interlocked.Increment(ref _framesSent);
                ReportFrameSent(lateness);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The session closed while waiting for audio or for the next tick.
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            Close(AudioSocketCloseReason.ConnectionFailed);
        }
    }

    /// <summary>False when a hang-up got the socket first: after the hang-up frame no audio may follow.</summary>
    private async Task<bool> TryWriteFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken token)
    {
        await _writeLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            if (HangupRequested) return false;
            await SendAllAsync(frame, token).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void ReportFrameSent(TimeSpan lateness)
    {
        if (_options.AudioFrameSent is not { } observer) return;
        try
        {
            observer(this, lateness);
        }
        catch (Exception)
        {
            // A failing metrics hook must never stop the audio.
        }
    }
}
