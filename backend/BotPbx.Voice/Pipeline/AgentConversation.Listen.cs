using BotPbx.Asterisk.AudioSocket;

namespace BotPbx.Voice.Pipeline;

public sealed partial class AgentConversation
{
    /// <summary>
    /// Audio in: cut into 20 ms frames, through the voice activity detector; speech (with its pre-roll) to the
    /// transcriber; a turn's start while the agent is answering is a barge-in, handled right here on the socket's read
    /// loop so playback stops within one frame of the detection, not after a trip through the conversation loop.
    /// </summary>
    private async Task ListenAsync(CancellationToken token)
    {
        var frameBytes = AudioSocketFormats.BytesPer(_outputKind, _options.FrameDuration);
        var frame = new byte[frameBytes];
        var filled = 0;
        var preRollFrames = Math.Max(1, (int)Math.Ceiling(_options.Vad.PreRoll / _options.FrameDuration));
        var preRoll = new Queue<byte[]>(preRollFrames + 1);
        DateTimeOffset? voicedSince = null;
        try
        {
            await foreach (var incoming in _setup.Audio.Incoming.ReadAllAsync(token).ConfigureAwait(false))
            {
                if (incoming.Digit is { } digit)
                {
                    Post(new DtmfPressed(digit, _time.GetUtcNow()));
                    continue;
                }
                if (!incoming.IsAudio) continue;
                var payload = incoming.Payload.Span;
                while (payload.Length > 0)
                {
                    var take = Math.Min(frameBytes - filled, payload.Length);
                    payload[..take].CopyTo(frame.AsSpan(filled));
                    filled += take;
                    payload = payload[take..];
                    if (filled < frameBytes) break;
                    filled = 0;
                    OnFrame(frame, preRoll, preRollFrames, ref voicedSince);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The conversation is over.
        }
    }

    private void OnFrame(byte[] frame, Queue<byte[]> preRoll, int preRollFrames, ref DateTimeOffset? voicedSince)
    {
        var now = _time.GetUtcNow();
        var response = Volatile.Read(ref _response);
        var agentTalking = response is { IsRunning: true, BargeInAllowed: true };
        var wasInTurn = _vad.InTurn;
        var vadEvent = _vad.Process(frame, agentTalking);
        var copy = frame.ToArray();
        if (!wasInTurn) voicedSince = _vad.LastRms >= _options.Vad.SpeechRms ? voicedSince ?? now : null;

        switch (vadEvent)
        {
            case VadEvent.SpeechStarted:
                if (agentTalking && response!.Interrupt())
                {
                    _setup.Audio.ClearOutgoingAudio();
                    var stopped = _time.GetUtcNow() - (voicedSince ?? now);
                    _metrics.BargeIn(_setup.Agent.Id);
                    Report(_options.BargedIn, stopped);
                }
                Post(new SpeechStarted(now));
                foreach (var earlier in preRoll) _transcriber.Audio(earlier);
                _transcriber.Audio(copy);
                preRoll.Clear();
                voicedSince = null;
                return;
            case VadEvent.TurnEnded:
                _transcriber.Audio(copy);
                _transcriber.Complete(now, discard: false);
                break;
            case VadEvent.TurnDropped:
                _transcriber.Complete(now, discard: true);
                break;
            default:
                if (_vad.InTurn) _transcriber.Audio(copy);
                break;
        }
        if (!_vad.InTurn)
        {
            preRoll.Enqueue(copy);
            while (preRoll.Count > preRollFrames) preRoll.Dequeue();
        }
    }

    private static void Report<T>(Action<T>? observer, T value)
    {
        if (observer is null) return;
        try
        {
            observer(value);
        }
#pragma warning disable CA1031 // An observer (benchmark, diagnostics) must never take the call down.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
