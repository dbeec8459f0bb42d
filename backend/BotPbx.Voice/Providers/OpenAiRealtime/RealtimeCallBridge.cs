using BotPbx.Asterisk.AudioSocket;
using BotPbx.Voice.Providers.Audio;

namespace BotPbx.Voice.Providers.OpenAiRealtime;

/// <summary>What the call handler does with a realtime conversation's tool calls and transcripts.</summary>
public sealed class RealtimeBridgeHooks
{
    /// <summary>Runs a function call (transfer, hang up, a webhook) and returns its output for the model.</summary>
    public Func<ToolCall, CancellationToken, Task<string>>? OnToolCall { get; init; }

    /// <summary>Each finished utterance, the caller's and the agent's, for the conversation record.</summary>
    public Action<ChatRole, string>? OnTranscript { get; init; }

    /// <summary>The caller talked over the agent; how much queued audio was dropped.</summary>
    public Action<TimeSpan>? OnBargeIn { get; init; }

    /// <summary>The vendor's VAD heard the caller stop: the start of a turn's latency waterfall.</summary>
    public Action? OnCallerStopped { get; init; }

    /// <summary>The first audio of an agent utterance went to the call.</summary>
    public Action? OnAgentAudioStarted { get; init; }

    /// <summary>A non-fatal vendor error (logged by the handler).</summary>
    public Action<RealtimeError>? OnError { get; init; }
}

/// <summary>
/// Joins one AudioSocket call to one <see cref="IRealtimeSession"/>: the caller's 8 kHz (or 16 kHz) frames go up
/// resampled to 24 kHz, the model's 24 kHz audio comes down resampled to the call's output rate and is paced out by
/// the AudioSocket session. Barge-in: when the vendor's VAD hears the caller, queued audio is dropped at once and the
/// model is told how much of its answer was actually heard (conversation.item.truncate), so it does not believe it
/// said what the caller never heard. Ends when either side ends; the call is not hung up here (the handler decides).
/// </summary>
public sealed class RealtimeCallBridge(IRealtimeSession realtime, IAudioSocketSession call, RealtimeBridgeHooks? hooks = null)
{
    private readonly RealtimeBridgeHooks _hooks = hooks ?? new RealtimeBridgeHooks();
    private readonly Lock _playback = new();
    private string? _playingItem;
    private TimeSpan _playedQueued;
    private PcmResampler? _down;
    private TaskCompletionSource? _responseDone;
    private readonly List<Task> _toolCalls = [];

    public async Task RunAsync(string? greeting, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.Closed);
        var token = linked.Token;
        if (!string.IsNullOrWhiteSpace(greeting))
        {
            await realtime.CreateResponseAsync($"Greet the caller by saying exactly: \"{greeting}\"", token).ConfigureAwait(false);
        }
        var up = UplinkAsync(token);
        var down = DownlinkAsync(token);
        var first = await Task.WhenAny(up, down).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(up, down).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // A tool that ended the call (transfer, hang-up) is still recording what it did: the call is over when it is.
        Task[] tools;
        lock (_toolCalls) tools = [.. _toolCalls];
        await Task.WhenAll(tools).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // The first to end says why: a vendor failure is the caller's to see; a hang-up or cancellation is not an error.
        if (first.IsFaulted && first.Exception!.InnerException is ProviderException failure) throw failure;
    }

    /// <summary>
    /// Has the model say <paramref name="text"/> (a warm transfer's summary to the human) and waits until it was
    /// played out. Call only while <see cref="RunAsync"/> runs.
    /// </summary>
    public async Task SayAsync(string text, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _responseDone, done);
        await realtime.CreateResponseAsync($"Say exactly: \"{text}\"", cancellationToken).ConfigureAwait(false);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await call.WaitForSentAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task UplinkAsync(CancellationToken cancellationToken)
    {
        PcmResampler? up = null;
        try
        {
            await foreach (var frame in call.Incoming.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!frame.IsAudio) continue;
                var rate = AudioSocketFormats.SampleRate(frame.Kind);
                if (up?.FromRate != rate) up = new PcmResampler(rate, realtime.SampleRate);
                await realtime.AppendAudioAsync(up.Process(frame.Payload.Span), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task DownlinkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in realtime.EventsAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (e)
                {
                    case RealtimeAudio audio:
                        await PlayAsync(audio, cancellationToken).ConfigureAwait(false);
                        break;
                    case RealtimeSpeechStarted:
                        await BargeInAsync(cancellationToken).ConfigureAwait(false);
                        break;
                    case RealtimeSpeechStopped:
                        _hooks.OnCallerStopped?.Invoke();
                        break;
                    case RealtimeResponseDone:
                        Interlocked.Exchange(ref _responseDone, null)?.TrySetResult();
                        break;
                    case RealtimeToolCall tool:
                        // Run off the event loop: a slow webhook must not stop barge-in or audio.
                        var running = AnswerToolAsync(tool.Call, cancellationToken);
                        lock (_toolCalls) _toolCalls.Add(running);
                        break;
                    case RealtimeTranscript transcript when transcript.Text.Length > 0:
                        _hooks.OnTranscript?.Invoke(transcript.Role, transcript.Text);
                        break;
                    case RealtimeError error:
                        _hooks.OnError?.Invoke(error);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (AudioSocketClosedException)
        {
            // The caller hung up while audio was being queued.
        }
    }

    private async Task PlayAsync(RealtimeAudio audio, CancellationToken cancellationToken)
    {
        var outRate = AudioSocketFormats.SampleRate(call.OutputKind);
        byte[] pcm;
        var started = false;
        lock (_playback)
        {
            if (_playingItem != audio.ItemId || _down?.ToRate != outRate)
            {
                started = _playingItem != audio.ItemId;
                _playingItem = audio.ItemId;
                _playedQueued = TimeSpan.Zero;
                _down = new PcmResampler(realtime.SampleRate, outRate);
            }
            pcm = _down.Process(audio.Pcm16.Span);
            _playedQueued += TimeSpan.FromSeconds(pcm.Length / 2.0 / outRate);
        }
        if (pcm.Length > 0) await call.SendAudioAsync(pcm, cancellationToken).ConfigureAwait(false);
        if (started) _hooks.OnAgentAudioStarted?.Invoke();
    }

    private async Task BargeInAsync(CancellationToken cancellationToken)
    {
        var dropped = call.ClearOutgoingAudio();
        string? item;
        TimeSpan heard;
        lock (_playback)
        {
            item = _playingItem;
            heard = _playedQueued - dropped;
            _playingItem = null;
            _down = null;
        }
        _hooks.OnBargeIn?.Invoke(dropped);
        if (item is not null && dropped > TimeSpan.Zero)
        {
            await realtime.TruncateAsync(item, heard, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AnswerToolAsync(ToolCall tool, CancellationToken cancellationToken)
    {
        string output;
        try
        {
            output = _hooks.OnToolCall is { } run
                ? await run(tool, cancellationToken).ConfigureAwait(false)
                : """{"error":"This function is not available."}""";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The model hears that the function failed and can tell the caller, instead of waiting forever.
            output = $$"""{"error":{{System.Text.Json.JsonSerializer.Serialize(e.Message)}}}""";
        }
        try
        {
            await realtime.SendToolResultAsync(tool.Id, output, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ProviderException)
        {
            // The call or the session ended meanwhile.
        }
    }
}
