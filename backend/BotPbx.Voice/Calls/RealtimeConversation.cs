using BotPbx.Asterisk.AudioSocket;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Pipeline;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.OpenAiRealtime;
using BotPbx.Voice.Tools;
using Microsoft.Extensions.Logging;

namespace BotPbx.Voice.Calls;

/// <summary>
/// An agent call on a speech-to-speech model (the agent's LLM kind, or its speech-to-speech provider, is
/// "openai-realtime"): the model hears the caller and speaks itself, so there is no STT, LLM or TTS stage here. What
/// stays BotPBX's: the agent's tools (transfer, hang up, DTMF, webhooks) through <see cref="AgentTools"/>, the
/// conversation record with each turn's waterfall (end of the caller's speech → first audio sent), metrics, and how
/// the call ends. Turn-taking and barge-in are the model's server VAD, applied by <see cref="RealtimeCallBridge"/>.
/// </summary>
public sealed partial class RealtimeConversation(
    AgentDefinition agent,
    IRealtimeClient client,
    IAudioSocketSession audio,
    int sampleRate,
    ICallControl call,
    IConversationStore store,
    ConversationStart start,
    FunctionCaller functions,
    VoiceMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    private readonly AgentTools _tools = new(agent, call, functions);
    private readonly Lock _lock = new();
    private ConversationEnd? _decided;
    private DateTimeOffset? _endOfSpeech;
    private DateTimeOffset? _firstAudio;
    private CancellationTokenSource? _ending;

    /// <summary>The model for a realtime provider: its own "model" option, else the agent's model.</summary>
    public static string ModelFor(AgentDefinition agent, ProviderSettings realtime) =>
        realtime.Option("model") ?? (agent.SpeechToSpeech is null || agent.Llm.Kind == realtime.Kind ? agent.Model : "gpt-realtime");

    public async Task<ConversationEnd> RunAsync(ProviderSettings realtime, CancellationToken cancellationToken)
    {
        audio.OutputKind = sampleRate == 16_000 ? AudioSocketKind.Slin16 : AudioSocketKind.Slin8;
        var conversationId = await store.StartAsync(start, cancellationToken).ConfigureAwait(false);
        var turns = new TurnWriter(store, conversationId, logger);
        metrics.CallStarted(agent.Id);
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, audio.Closed);
        _ending = ending;
        var token = ending.Token;
        ConversationEnd end;
        try
        {
            await using var session = await client.ConnectAsync(new RealtimeSessionOptions(ModelFor(agent, realtime), agent.SystemPrompt,
                _tools.Definitions, agent.Voice, agent.Speed, agent.MaxTokens, agent.Language), token).ConfigureAwait(false);
            RealtimeCallBridge? bridge = null;
            var hooks = new RealtimeBridgeHooks
            {
                OnCallerStopped = CallerStopped,
                OnAgentAudioStarted = AgentAudioStarted,
                OnBargeIn = _ => metrics.BargeIn(agent.Id),
                OnTranscript = (role, text) => SaveSpoken(turns, role, text),
                OnToolCall = (tool, t) => RunToolAsync(tool, turns, bridge!, t),
                OnError = error => LogVendorError(logger, agent.Id, error.Code, error.Message),
            };
            bridge = new RealtimeCallBridge(session, audio, hooks);
            await bridge.RunAsync(agent.Greeting, token).ConfigureAwait(false);
            end = Volatile.Read(ref _decided) ?? new ConversationEnd("caller-hung-up", time.GetUtcNow());
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            end = Volatile.Read(ref _decided) ?? new ConversationEnd("caller-hung-up", time.GetUtcNow());
        }
        catch (ProviderException e)
        {
            LogFailed(logger, agent.Id, e);
            end = new ConversationEnd("error", time.GetUtcNow(), Error: e.Message);
        }
        _ending = null;
        await turns.CompleteAsync().ConfigureAwait(false);
        try
        {
            await store.EndAsync(conversationId, end, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failing store is logged; the call is over either way.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(logger, agent.Id, e);
        }
        metrics.CallEnded(agent.Id);
        return end;
    }

    private void CallerStopped()
    {
        lock (_lock)
        {
            _endOfSpeech = time.GetUtcNow();
            _firstAudio = null;
        }
    }

    private void AgentAudioStarted()
    {
        lock (_lock) _firstAudio ??= time.GetUtcNow();
    }

    private void SaveSpoken(TurnWriter turns, ChatRole role, string text)
    {
        var at = time.GetUtcNow();
        if (role == ChatRole.User)
        {
            turns.Add(i => new ConversationTurn(i, "caller", text, at));
            return;
        }
        TurnTimings? timings = null;
        lock (_lock)
        {
            if (_endOfSpeech is { } endOfSpeech)
            {
                timings = new TurnTimings(endOfSpeech, null, null, _firstAudio, _firstAudio);
                if (_firstAudio is { } first) metrics.Turn(agent.Id, first - endOfSpeech);
            }
            _endOfSpeech = null;
            _firstAudio = null;
        }
        turns.Add(i => new ConversationTurn(i, "agent", text, at, Timings: timings));
    }

    private async Task<string> RunToolAsync(ToolCall tool, TurnWriter turns, RealtimeCallBridge bridge, CancellationToken token)
    {
        var outcome = await _tools.RunAsync(tool, token).ConfigureAwait(false);
        var result = outcome.ResultJson;
        if (outcome.Action == ToolAction.HangUp)
        {
            // The goodbye the model said before calling hang_up is heard first.
            await audio.WaitForSentAsync(token).ConfigureAwait(false);
            Interlocked.CompareExchange(ref _decided, new ConversationEnd("completed", time.GetUtcNow()), null);
            await call.HangupAsync(CancellationToken.None).ConfigureAwait(false);
            Cancel();
        }
        else if (outcome.Action == ToolAction.Transfer && outcome.Target is { } target)
        {
            await audio.WaitForSentAsync(token).ConfigureAwait(false);
            // Decided before the caller leaves: a blind transfer takes the caller's channel away at once.
            var pending = new ConversationEnd("transferred", time.GetUtcNow(), target.Name);
            Interlocked.CompareExchange(ref _decided, pending, null);
            var transfer = await call.TransferAsync(target, outcome.Summary, bridge.SayAsync, token).ConfigureAwait(false);
            if (transfer.Transferred)
            {
                Cancel();
            }
            else
            {
                Interlocked.CompareExchange(ref _decided, null, pending);
                result = ToolJson.Error("transfer failed: " + (transfer.Reason ?? "no answer"));
            }
        }
        var at = time.GetUtcNow();
        turns.Add(i => new ConversationTurn(i, "tool", "", at, tool.Name, tool.ArgumentsJson, result));
        return result;
    }

    private void Cancel()
    {
        try
        {
            _ending?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already over.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "AI agent {Agent}: the speech-to-speech conversation failed")]
    private static partial void LogFailed(ILogger logger, string agent, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AI agent {Agent}: the realtime model reported {Code}: {Message}")]
    private static partial void LogVendorError(ILogger logger, string agent, string? code, string message);
}
