using BotPbx.Asterisk.Ari;
using BotPbx.Asterisk.AudioSocket;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Pipeline;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.OpenAiRealtime;
using BotPbx.Voice.Tools;
using Microsoft.Extensions.Logging;

namespace BotPbx.Voice.Calls;

/// <summary>
/// Runs an AI agent on a call that entered <c>Stasis(botpbx,agent,&lt;id&gt;)</c>: finds the agent (seed 002's AI_AGENT and
/// AI_CONTEXT channel variables override the dialplan's id and pick a context), fills the prompt's variables, bridges
/// the caller with an ARI externalMedia channel that speaks AudioSocket to BotPBX's AudioSocket server (16 kHz
/// slin16), runs the <see cref="AgentConversation"/> on that audio, and cleans up: the media channel and the bridge go,
/// the caller is hung up unless a transfer took them elsewhere. When the caller hangs up, everything is cancelled and
/// the conversation ends as "caller-hung-up".
/// </summary>
public sealed partial class AgentCallHandler(
    IAgentCatalog catalog,
    IConversationStore store,
    IProviderFactory providers,
    IEnumerable<IPromptVariableSource> variableSources,
    AudioSocketSessionRegistry sessions,
    AriChannelEventHub channels,
    FrameSentSignals frames,
    VoiceMetrics metrics,
    FunctionCaller functions,
    AgentCallOptions options,
    VoiceOptions voice,
    TimeProvider time,
    ILogger<AgentCallHandler> logger)
{
    public const string StasisKind = "agent";

    /// <summary>Channel variables read for the agent's choice and given to every <see cref="IPromptVariableSource"/>.</summary>
    public static readonly IReadOnlyList<string> ChannelVariables =
        ["AI_AGENT", "AI_CONTEXT", "BOTPBX_AI_AGENT", "BOTPBX_AI_CONTEXT", "BOTPBX_CAMPAIGN", "BOTPBX_CAMPAIGN_CONTACT", "CALLERID(dnid)"];

    public async Task HandleAsync(AriClient ari, StasisStartEvent start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ari);
        ArgumentNullException.ThrowIfNull(start);
        var caller = start.Channel;
        using var callerGone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watch = channels.Watch(caller.Id, e =>
        {
            if (e is StasisEndEvent or ChannelDestroyedEvent or ChannelHangupRequestEvent) _ = callerGone.CancelAsync();
        });
        var token = callerGone.Token;

        var variables = await ReadVariablesAsync(ari, caller.Id, token).ConfigureAwait(false);
        var requested = variables.GetValueOrDefault("AI_AGENT") is { Length: > 0 } named ? named : start.Args.Count > 1 ? start.Args[1] : "";
        var context = variables.GetValueOrDefault("AI_CONTEXT") is { Length: > 0 } c ? c : null;
        var agent = await catalog.FindAsync(requested, context, token).ConfigureAwait(false);
        if (agent is null)
        {
            LogNoAgent(logger, caller.Id, requested);
            await ari.Channels.ContinueInDialplanAsync(caller.Id, token).ConfigureAwait(false);
            return;
        }

        var prompt = await PromptVariablesAsync(caller, variables, token).ConfigureAwait(false);
        agent = agent with
        {
            SystemPrompt = PromptTemplate.Render(agent.SystemPrompt, prompt),
            Greeting = agent.Greeting is { } greeting ? PromptTemplate.Render(greeting, prompt) : null,
        };

        var bridgeId = "botpbx-agent-" + Guid.NewGuid().ToString("N");
        var mediaId = Guid.NewGuid();
        var mediaChannel = "botpbx-media-" + mediaId.ToString("N");
        using var claim = channels.Claim(mediaChannel);
        // The externalMedia channel can be added to the bridge only once it is in Stasis: its AudioSocket connection
        // may arrive first (seen on Asterisk 22.10.1: 422 "Channel not in Stasis application").
        var mediaInStasis = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var mediaWatch = channels.Watch(mediaChannel, e =>
        {
            if (e is StasisStartEvent) mediaInStasis.TrySetResult();
        });
        var control = new AriCallControl(ari, channels, options, caller.Id, bridgeId);
        ConversationEnd? end = null;
        try
        {
            await ari.Bridges.CreateAsync(token, "mixing", bridgeId, "agent " + agent.Id).ConfigureAwait(false);
            await ari.Bridges.AddChannelAsync(bridgeId, [caller.Id], token).ConfigureAwait(false);
            var waiting = sessions.WaitForAsync(mediaId, token);
            await ari.Channels.ExternalMediaAsync(new ExternalMediaRequest
            {
                App = options.StasisApp,
                ChannelId = mediaChannel,
                ExternalHost = options.AudioSocketEndpoint,
                Encapsulation = ExternalMediaEncapsulation.AudioSocket,
                Transport = ExternalMediaTransport.Tcp,
                Format = options.Format,
                Data = mediaId.ToString(),
            }, token).ConfigureAwait(false);
            var audio = await waiting.WaitAsync(options.MediaConnectTimeout, token).ConfigureAwait(false);
            await mediaInStasis.Task.WaitAsync(options.MediaConnectTimeout, token).ConfigureAwait(false);
            await ari.Bridges.AddChannelAsync(bridgeId, [mediaChannel], token).ConfigureAwait(false);

            var conversationStart = new ConversationStart(agent.Id, variables.ContainsKey("BOTPBX_CAMPAIGN_CONTACT") ? "campaign" : "call", caller.Name,
                caller.Caller.Number, prompt.GetValueOrDefault("did"), prompt, time.GetUtcNow());
            // A speech-to-speech agent (openai-realtime as its LLM or its speech-to-speech provider) replaces the pipeline.
            if (RealtimeSettings(agent) is { } realtime && providers is IRealtimeProviderFactory speechToSpeech)
            {
                end = await new RealtimeConversation(agent, speechToSpeech.CreateRealtime(realtime), audio, options.SampleRate, control, store,
                    conversationStart, functions, metrics, time, logger).RunAsync(realtime, token).ConfigureAwait(false);
            }
            else
            {
                var setup = new ConversationSetup
                {
                    Agent = agent,
                    Llm = providers.CreateLlm(agent.Llm),
                    Stt = providers.CreateStt(agent.Stt),
                    Tts = providers.CreateTts(agent.Tts),
                    Audio = audio,
                    SampleRate = options.SampleRate,
                    Call = control,
                    Store = store,
                    Start = conversationStart,
                };
                var conversation = new AgentConversation(setup, voice, metrics, frames, functions, time, logger);
                end = await conversation.RunAsync(token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The caller hung up while the call was being set up.
        }
        catch (Exception e) when (e is AriException or AriTransportException or TimeoutException or ArgumentException or InvalidOperationException)
        {
            LogSetupFailed(logger, caller.Id, agent.Id, e);
        }
        finally
        {
            await HangupQuietlyAsync(ari, mediaChannel).ConfigureAwait(false);
            if (end?.Outcome != "transferred") await HangupQuietlyAsync(ari, caller.Id).ConfigureAwait(false);
        }
        if (control.WarmPeer is { } peer) await KeepBridgedAsync(ari, bridgeId, caller.Id, peer).ConfigureAwait(false);
        else await DestroyQuietlyAsync(ari, bridgeId).ConfigureAwait(false);
    }

    private ProviderSettings? RealtimeSettings(AgentDefinition agent) =>
        agent.SpeechToSpeech ?? (providers is IRealtimeProviderFactory f && f.IsRealtime(agent.Llm.Kind) ? agent.Llm : null);

    /// <summary>After a warm transfer caller and human share the agent's bridge inside Stasis: when one leaves, the other is hung up.</summary>
    private async Task KeepBridgedAsync(AriClient ari, string bridgeId, string caller, string peer)
    {
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnEvent(AriChannelEvent e)
        {
            if (e is StasisEndEvent or ChannelDestroyedEvent or ChannelHangupRequestEvent) gone.TrySetResult();
        }
        using (channels.Watch(caller, OnEvent))
        using (channels.Watch(peer, OnEvent))
        {
            // Either may have gone before the watches started.
            if (await IsGoneAsync(ari, caller).ConfigureAwait(false) || await IsGoneAsync(ari, peer).ConfigureAwait(false)) gone.TrySetResult();
            await gone.Task.ConfigureAwait(false);
        }
        await HangupQuietlyAsync(ari, caller).ConfigureAwait(false);
        await HangupQuietlyAsync(ari, peer).ConfigureAwait(false);
        await DestroyQuietlyAsync(ari, bridgeId).ConfigureAwait(false);
    }

    private static async Task<bool> IsGoneAsync(AriClient ari, string channel)
    {
        try
        {
            await ari.Channels.GetAsync(channel, CancellationToken.None).ConfigureAwait(false);
            return false;
        }
        catch (AriException)
        {
            return true;
        }
    }

    private static async Task<Dictionary<string, string>> ReadVariablesAsync(AriClient ari, string channel, CancellationToken token)
    {
        // One request per variable, all at once: this is on the path from answer to greeting.
        var values = await Task.WhenAll(ChannelVariables.Select(async name =>
        {
            try
            {
                return (name, await ari.Channels.GetVariableAsync(channel, name, token).ConfigureAwait(false));
            }
            catch (AriException)
            {
                // Asterisk answers 404 for a variable that is not set.
                return (name, "");
            }
        })).ConfigureAwait(false);
        return values.Where(v => !string.IsNullOrEmpty(v.Item2)).ToDictionary(v => v.name, v => v.Item2, StringComparer.Ordinal);
    }

    /// <summary>caller_id, caller_name, did, ivr_context (what the IVR's aiAgent node passed), then every variable source's.</summary>
    private async Task<Dictionary<string, string>> PromptVariablesAsync(Channel caller, IReadOnlyDictionary<string, string> channel, CancellationToken token)
    {
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["caller_id"] = caller.Caller.Number,
            ["caller_name"] = caller.Caller.Name,
            ["did"] = channel.GetValueOrDefault("CALLERID(dnid)") ?? "",
            ["ivr_context"] = channel.GetValueOrDefault("BOTPBX_AI_CONTEXT") ?? "",
        };
        foreach (var source in variableSources)
        {
            foreach (var (name, value) in await source.GetAsync(channel, token).ConfigureAwait(false)) variables[name] = value;
        }
        return variables;
    }

    private static async Task HangupQuietlyAsync(AriClient ari, string channel)
    {
        try
        {
            await ari.Channels.HangupAsync(channel, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AriException or AriTransportException or TimeoutException)
        {
            // Already gone (404), or ARI is down and Asterisk cleans up on its own.
        }
    }

    private static async Task DestroyQuietlyAsync(AriClient ari, string bridge)
    {
        try
        {
            await ari.Bridges.DestroyAsync(bridge, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AriException or AriTransportException or TimeoutException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} asked for AI agent '{Agent}', which does not exist")]
    private static partial void LogNoAgent(ILogger logger, string channel, string agent);

    [LoggerMessage(Level = LogLevel.Error, Message = "Channel {Channel}: AI agent {Agent} could not be started")]
    private static partial void LogSetupFailed(ILogger logger, string channel, string agent, Exception exception);
}
