using System.Text.RegularExpressions;
using System.Threading.Channels;
using BotPbx.Asterisk.AudioSocket;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Tools;
using Microsoft.Extensions.Logging;

namespace BotPbx.Voice.Pipeline;

/// <summary>
/// One AI agent call, start to end: audio in → voice activity and end of turn → streaming STT → streaming LLM →
/// TTS sentence by sentence → audio out through the AudioSocket session's 20 ms send clock.
/// <para>Three loops run side by side: the listener (audio in, <c>ListenAsync</c>), the transcriber
/// (<see cref="Transcriber"/>) and the current answer (<see cref="Response"/>); they report to this loop, which owns
/// the turn-taking: greeting when answered, one answer per caller turn, barge-in, no-input prompts after the agent's
/// silence timeout, maximum turns, end-call phrases, tools that end the call, and hang-up on either side. Every turn is
/// saved through <see cref="IConversationStore"/> with its latency waterfall.</para>
/// </summary>
#pragma warning disable CA1001 // The transcriber is disposed at the end of RunAsync, the only way a conversation is used.
public sealed partial class AgentConversation
#pragma warning restore CA1001
{
    private readonly ConversationSetup _setup;
    private readonly VoiceOptions _options;
    private readonly VoiceMetrics _metrics;
    private readonly FrameSentSignals _frames;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AgentTools _tools;
    private readonly VoiceActivityDetector _vad;
    private readonly AudioSocketKind _outputKind;
    private readonly List<ChatMessage> _history = [];
    private readonly Channel<PipelineEvent> _events = Channel.CreateUnbounded<PipelineEvent>(new UnboundedChannelOptions { SingleReader = true });
    private Transcriber _transcriber = null!;
    private TurnWriter _turns = null!;
    private Response? _response;

    // How the call ends once the agent decided it (a hang-up or transfer is under way): the caller's channel then goes
    // and cancels the call, which must not be reported as the caller hanging up.
    private ConversationEnd? _decided;

    public AgentConversation(ConversationSetup setup, VoiceOptions options, VoiceMetrics metrics, FrameSentSignals frames,
        FunctionCaller functions, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _setup = setup;
        _options = options;
        _metrics = metrics;
        _frames = frames;
        _time = time;
        _logger = logger;
        _tools = new AgentTools(setup.Agent, setup.Call, functions);
        _vad = new VoiceActivityDetector(options.Vad, options.FrameDuration);
        _outputKind = setup.SampleRate switch
        {
            16_000 => AudioSocketKind.Slin16,
            8_000 => AudioSocketKind.Slin8,
            _ => throw new ArgumentOutOfRangeException(nameof(setup), setup.SampleRate, "Agent calls run at 8000 or 16000 Hz."),
        };
        _history.Add(new ChatMessage(ChatRole.System, setup.Agent.SystemPrompt));
    }

    /// <summary>Saved conversation id, once started.</summary>
    public long ConversationId { get; private set; }

    /// <summary>Runs the call until it ends; returns (and saves) how it ended. Cancelling <paramref name="cancellationToken"/> ends it as "caller-hung-up" (the call's owner cancels when the caller's channel goes).</summary>
    public async Task<ConversationEnd> RunAsync(CancellationToken cancellationToken)
    {
        var agent = _setup.Agent;
        _setup.Audio.OutputKind = _outputKind;
        ConversationId = await StartStoreAsync(cancellationToken).ConfigureAwait(false);
        _turns = new TurnWriter(_setup.Store, ConversationId, _logger);
        _metrics.CallStarted(agent.Id);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _setup.Audio.Closed);
        var token = call.Token;
        ConversationEnd end;
        Task listening = Task.CompletedTask;
        try
        {
            var session = await _setup.Stt.StartAsync(new SttOptions(_setup.SampleRate, agent.Language, agent.SttModel), token).ConfigureAwait(false);
            _transcriber = new Transcriber(session, _time, _options.SttFinalTimeout, Post);
            listening = Task.Run(() => ListenAsync(token), CancellationToken.None);
            end = await ConverseAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            end = Volatile.Read(ref _decided) ?? new ConversationEnd("caller-hung-up", _time.GetUtcNow());
        }
#pragma warning disable CA1031 // Any failure of a provider or of the store ends this call with "error", never the process.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(_logger, agent.Id, e);
            end = new ConversationEnd("error", _time.GetUtcNow(), Error: e.Message);
        }
        if (Volatile.Read(ref _response) is { } response)
        {
            // An answer that already ended the call (transfer, hang-up) is finishing on its own: it is not interrupted.
            if (Volatile.Read(ref _decided) is null) response.Interrupt();
            await ((Task)response.Completion).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await call.CancelAsync().ConfigureAwait(false);
        await listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_transcriber is not null) await _transcriber.DisposeAsync().ConfigureAwait(false);
        _frames.Forget(_setup.Audio.Id);
        await _turns.CompleteAsync().ConfigureAwait(false);
        await EndStoreAsync(end).ConfigureAwait(false);
        _metrics.CallEnded(agent.Id);
        LogEnded(_logger, agent.Id, ConversationId, end.Outcome);
        return end;
    }

    private async Task<ConversationEnd> ConverseAsync(CancellationToken token)
    {
        var agent = _setup.Agent;
        var callerTurns = 0;
        var noInput = 0;
        var callerTalking = false;
        string? endAfterReply = null;
        var answeredAt = _time.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(agent.Greeting)) Say(agent.Greeting, answeredAt, null, token);

        while (true)
        {
            var idle = !callerTalking && Volatile.Read(ref _response) is null;
            var next = await NextEventAsync(idle ? agent.SilenceTimeout : Timeout.InfiniteTimeSpan, token).ConfigureAwait(false);
            switch (next)
            {
                case null:
                    // The agent's silence timeout passed with nobody talking.
                    noInput++;
                    if (noInput > _options.MaxNoInputPrompts) return await GoodbyeAsync("silence", token).ConfigureAwait(false);
                    Say(_options.NoInputPrompt, _time.GetUtcNow(), null, token);
                    break;
                case SpeechStarted:
                    callerTalking = true;
                    noInput = 0;
                    break;
                case TurnDiscarded:
                    callerTalking = false;
                    break;
                case CallerUtterance utterance:
                    callerTalking = false;
                    await FinishInterruptedAsync().ConfigureAwait(false);
                    callerTurns++;
                    _turns.Add(i => new ConversationTurn(i, "caller", utterance.Text, utterance.EndOfSpeech));
                    _history.Add(new ChatMessage(ChatRole.User, utterance.Text));
                    if (ContainsEndPhrase(utterance.Text)) endAfterReply = "completed";
                    else if (callerTurns >= agent.MaxTurns) endAfterReply = "max-turns";
                    Answer(utterance.EndOfSpeech, utterance.SttFinal, token);
                    break;
                case DtmfPressed dtmf:
                    await FinishInterruptedAsync().ConfigureAwait(false);
                    noInput = 0;
                    var keyText = $"[The caller pressed {dtmf.Digit}]";
                    _turns.Add(i => new ConversationTurn(i, "caller", keyText, dtmf.At));
                    _history.Add(new ChatMessage(ChatRole.User, keyText));
                    Answer(dtmf.At, dtmf.At, token);
                    break;
                case ResponseFinished finished when !ReferenceEquals(finished.Source, Volatile.Read(ref _response)):
                    // An answer that was interrupted and already wound down by FinishInterruptedAsync.
                    break;
                case ResponseFinished finished:
                    Volatile.Write(ref _response, null);
                    if (finished.Result.Interrupted) _setup.Audio.ClearOutgoingAudio();
                    if (finished.Result.Ended is { } ended) return ended;
                    if (finished.Result.Interrupted) break;
                    if (endAfterReply is null && ContainsEndPhrase(LastSentence(finished.Result.SpokenText))) endAfterReply = "completed";
                    if (endAfterReply is { } outcome) return await HangUpAsync(outcome).ConfigureAwait(false);
                    break;
                case PipelineFailed failed:
                    throw new InvalidOperationException("The voice pipeline failed: " + failed.Error.Message, failed.Error);
            }
        }
    }

    /// <summary>Waits for the next event; null when <paramref name="timeout"/> passed first.</summary>
    private async Task<PipelineEvent?> NextEventAsync(TimeSpan timeout, CancellationToken token)
    {
        if (_events.Reader.TryRead(out var ready)) return ready;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
        if (timeout != Timeout.InfiniteTimeSpan) limit.CancelAfter(timeout);
        try
        {
            while (await _events.Reader.WaitToReadAsync(limit.Token).ConfigureAwait(false))
            {
                if (_events.Reader.TryRead(out var item)) return item;
            }
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return null;
        }
        throw new OperationCanceledException(token);
    }

    private void Post(PipelineEvent pipelineEvent) => _events.Writer.TryWrite(pipelineEvent);

    private void Answer(DateTimeOffset endOfSpeech, DateTimeOffset sttFinal, CancellationToken token) => Begin(new Response(this, null, endOfSpeech, sttFinal, token));

    private void Say(string line, DateTimeOffset at, DateTimeOffset? sttFinal, CancellationToken token) => Begin(new Response(this, line, at, sttFinal, token));

    private void Begin(Response response)
    {
        Volatile.Write(ref _response, response);
        _ = ReportFinishedAsync(response);
    }

    private async Task ReportFinishedAsync(Response response)
    {
        try
        {
            Post(new ResponseFinished(await response.Completion.ConfigureAwait(false), response));
        }
#pragma warning disable CA1031 // A provider failing mid-answer ends the call with "error" through the loop.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Post(new PipelineFailed(e));
        }
    }

    /// <summary>An interrupted answer may still be winding down when the caller's words arrive: it must finish (and fix up the history) first.</summary>
    private async Task FinishInterruptedAsync()
    {
        if (Volatile.Read(ref _response) is not { } response) return;
        response.Interrupt();
        await ((Task)response.Completion).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _setup.Audio.ClearOutgoingAudio();
        Volatile.Write(ref _response, null);
    }

    private async Task<ConversationEnd> GoodbyeAsync(string outcome, CancellationToken token)
    {
        var response = new Response(this, _options.Goodbye, _time.GetUtcNow(), null, token);
        Volatile.Write(ref _response, response);
        await response.Completion.ConfigureAwait(false);
        return await HangUpAsync(outcome).ConfigureAwait(false);
    }

    private async Task<ConversationEnd> HangUpAsync(string outcome)
    {
        var end = Decide(new ConversationEnd(outcome, _time.GetUtcNow()));
        await _setup.Call.HangupAsync(CancellationToken.None).ConfigureAwait(false);
        return end;
    }

    private ConversationEnd Decide(ConversationEnd end)
    {
        Interlocked.CompareExchange(ref _decided, end, null);
        return end;
    }

    /// <summary>Whether <paramref name="text"/> holds one of the agent's end-call phrases as whole words, ignoring case and punctuation.</summary>
    internal bool ContainsEndPhrase(string text)
    {
        if (_setup.Agent.EndCallPhrases.Count == 0 || text.Length == 0) return false;
        var words = " " + Words().Replace(text.ToLowerInvariant(), " ").Trim() + " ";
        return _setup.Agent.EndCallPhrases
            .Select(p => Words().Replace(p.ToLowerInvariant(), " ").Trim())
            .Any(p => p.Length > 0 && words.Contains(" " + p + " ", StringComparison.Ordinal));
    }

    private static string LastSentence(string text)
    {
        var sentences = new SentenceSplitter().Add(text + " ");
        return sentences.Count > 0 ? sentences[^1] : text;
    }

    private async Task<long> StartStoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _setup.Store.StartAsync(_setup.Start, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A store that is down must not keep the caller from talking to the agent.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogStoreFailed(_logger, _setup.Agent.Id, e);
            return 0;
        }
    }

    private async Task EndStoreAsync(ConversationEnd end)
    {
        try
        {
            await _setup.Store.EndAsync(ConversationId, end, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogStoreFailed(_logger, _setup.Agent.Id, e);
        }
    }

    [GeneratedRegex("[^a-z0-9' ]+")]
    private static partial Regex Words();

    [LoggerMessage(Level = LogLevel.Error, Message = "AI agent {Agent}: the call failed")]
    private static partial void LogFailed(ILogger logger, string agent, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "AI agent {Agent}: the conversation store failed")]
    private static partial void LogStoreFailed(ILogger logger, string agent, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "AI agent {Agent}: conversation {Conversation} ended ({Outcome})")]
    private static partial void LogEnded(ILogger logger, string agent, long conversation, string outcome);
}
