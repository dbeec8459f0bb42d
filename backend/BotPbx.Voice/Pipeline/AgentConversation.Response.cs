using System.Text;
using System.Threading.Channels;
using BotPbx.Asterisk.AudioSocket;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Tools;

namespace BotPbx.Voice.Pipeline;

public sealed partial class AgentConversation
{
    /// <summary>
    /// One answer of the agent: the model streams, sentences go to TTS as they complete and their audio is queued on the
    /// call while the model is still writing; tool calls are run and their results given back to the model (up to
    /// <see cref="VoiceOptions.MaxToolRounds"/> rounds). A scripted line (greeting, no-input prompt) skips the model.
    /// It ends when its last frame has been sent, when the caller barges in (<see cref="Interrupt"/>), or when a tool
    /// ended the call. Either way it saves its turn with the waterfall marks.
    /// </summary>
    private sealed class Response
    {
        private readonly AgentConversation _c;
        private readonly CancellationTokenSource _cancel;
        private readonly string? _scripted;
        private readonly StringBuilder _spoken = new();
        private readonly DateTimeOffset _endOfSpeech;
        private readonly DateTimeOffset? _sttFinal;
        private DateTimeOffset? _llmRequest, _llmFirstToken, _ttsRequest, _ttsFirstAudio;
        private Task<DateTimeOffset>? _firstFrame;
        private int _running = 1;
        private volatile bool _bargeInAllowed = true;
        private volatile bool _interrupted;

        public Response(AgentConversation conversation, string? scripted, DateTimeOffset endOfSpeech, DateTimeOffset? sttFinal, CancellationToken callToken)
        {
            _c = conversation;
            _scripted = scripted;
            _endOfSpeech = endOfSpeech;
            _sttFinal = sttFinal;
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(callToken);
            Completion = Task.Run(RunAsync, CancellationToken.None);
        }

        public Task<ResponseResult> Completion { get; }

        public bool IsRunning => Volatile.Read(ref _running) == 1;

        /// <summary>False while a warm transfer speaks to the human: the caller talking then must not cancel it.</summary>
        public bool BargeInAllowed => _bargeInAllowed;

        /// <summary>
        /// The caller talked over the agent: no more audio is queued from here on, and the model and TTS are cancelled
        /// in the background (their callbacks, e.g. killing a flite process, must not run on the socket's read loop).
        /// </summary>
        public bool Interrupt()
        {
            if (!IsRunning || !_bargeInAllowed || _interrupted) return false;
            _interrupted = true;
            _ = _cancel.CancelAsync();
            return true;
        }

        private async Task<ResponseResult> RunAsync()
        {
            var token = _cancel.Token;
            var pendingCalls = new List<ToolCall>();
            ConversationEnd? ended = null;
            try
            {
                if (_scripted is not null)
                {
                    _c._history.Add(new ChatMessage(ChatRole.Assistant, _scripted));
                    var speaker = new Speaker(this, token);
                    speaker.Say(_scripted);
                    await speaker.DrainAsync().ConfigureAwait(false);
                    return new ResponseResult(_spoken.ToString().Trim(), false);
                }
                ended = await AnswerAsync(pendingCalls, token).ConfigureAwait(false);
                return new ResponseResult(_spoken.ToString().Trim(), false, ended);
            }
            catch (Exception e) when (e is OperationCanceledException or AudioSocketClosedException
                && (_interrupted || token.IsCancellationRequested || _c._setup.Audio.CloseReason != AudioSocketCloseReason.None))
            {
                // Cut short by a barge-in or by the call ending (the caller hung up mid-sentence): saved as interrupted.
                _interrupted = true;
                return new ResponseResult(_spoken.ToString().Trim(), true);
            }
            finally
            {
                // Every tool call in the history needs its answer, or the next request is refused by the vendor.
                foreach (var call in pendingCalls) _c._history.Add(new ChatMessage(ChatRole.Tool, """{"error":"the caller interrupted"}""", ToolCallId: call.Id));
                Volatile.Write(ref _running, 0);
                Save();
                _cancel.Dispose();
            }
        }

        private async Task<ConversationEnd?> AnswerAsync(List<ToolCall> pendingCalls, CancellationToken token)
        {
            var speaker = new Speaker(this, token);
            for (var round = 0; round < _c._options.MaxToolRounds; round++)
            {
                var text = new StringBuilder();
                var calls = new List<ToolCall>();
                var splitter = new SentenceSplitter();
                var request = new LlmRequest(_c._setup.Agent.Model, [.. _c._history], _c._tools.Definitions, _c._setup.Agent.Temperature, _c._setup.Agent.MaxTokens);
                _llmRequest ??= _c._time.GetUtcNow();
                try
                {
                    await foreach (var delta in _c._setup.Llm.StreamAsync(request, token).ConfigureAwait(false))
                    {
                        if (delta is LlmDone) continue;
                        _llmFirstToken ??= _c._time.GetUtcNow();
                        if (delta is LlmTextDelta { Text: var fragment })
                        {
                            text.Append(fragment);
                            foreach (var sentence in splitter.Add(fragment)) speaker.Say(sentence);
                        }
                        else if (delta is LlmToolCallDelta { Call: var call })
                        {
                            calls.Add(call);
                        }
                    }
                }
                finally
                {
                    // What was said (or half-said before a barge-in) stays in the history the next answer builds on.
                    var said = text.ToString().Trim();
                    if (said.Length > 0 || calls.Count > 0) _c._history.Add(new ChatMessage(ChatRole.Assistant, said.Length > 0 ? said : null, calls.Count > 0 ? calls : null));
                    pendingCalls.AddRange(calls);
                }
                if (splitter.Flush() is { } rest) speaker.Say(rest);
                if (calls.Count == 0) break;

                foreach (var call in calls)
                {
                    var outcome = await _c._tools.RunAsync(call, token).ConfigureAwait(false);
                    if (outcome.Action != ToolAction.Continue)
                    {
                        // The words before a transfer or a goodbye are heard in full first.
                        await speaker.DrainAsync().ConfigureAwait(false);
                        speaker = new Speaker(this, token);
                        var end = await EndCallAsync(outcome, token).ConfigureAwait(false);
                        if (end.Ended is { } conversationEnd)
                        {
                            Answer(pendingCalls, call, outcome.ResultJson);
                            return conversationEnd;
                        }
                        outcome = outcome with { ResultJson = end.Result };
                    }
                    Answer(pendingCalls, call, outcome.ResultJson);
                }
            }
            await speaker.DrainAsync().ConfigureAwait(false);
            return null;
        }

        private void Answer(List<ToolCall> pendingCalls, ToolCall call, string result)
        {
            pendingCalls.Remove(call);
            _c._history.Add(new ChatMessage(ChatRole.Tool, result, ToolCallId: call.Id));
            var at = _c._time.GetUtcNow();
            _c._turns.Add(i => new ConversationTurn(i, "tool", "", at, call.Name, call.ArgumentsJson, result));
        }

        private async Task<(ConversationEnd? Ended, string Result)> EndCallAsync(ToolOutcome outcome, CancellationToken token)
        {
            if (outcome.Action == ToolAction.HangUp)
            {
                var end = _c.Decide(new ConversationEnd("completed", _c._time.GetUtcNow()));
                await _c._setup.Call.HangupAsync(CancellationToken.None).ConfigureAwait(false);
                return (end, outcome.ResultJson);
            }
            var target = outcome.Target!;
            _bargeInAllowed = !target.Warm;
            try
            {
                // Decided before the call leaves: a blind transfer takes the caller's channel away at once.
                var pending = new ConversationEnd("transferred", _c._time.GetUtcNow(), target.Name);
                Interlocked.CompareExchange(ref _c._decided, pending, null);
                // A blind transfer is one quick request that must not be abandoned half-way because the caller's channel
                // left Stasis (which is what it causes); a warm one waits for a human and stops with the call.
                var result = await _c._setup.Call.TransferAsync(target, outcome.Summary, _c.SayToLineAsync, target.Warm ? token : CancellationToken.None)
                    .ConfigureAwait(false);
                if (result.Transferred) return (pending, outcome.ResultJson);
                Interlocked.CompareExchange(ref _c._decided, null, pending);
                return (null, ToolJson.Error("transfer failed: " + (result.Reason ?? "no answer")));
            }
            finally
            {
                _bargeInAllowed = true;
            }
        }

        /// <summary>Saves this answer as an agent turn with its waterfall, and records the latency metrics of a caller's turn.</summary>
        private void Save()
        {
            var text = _spoken.ToString().Trim();
            if (text.Length == 0 && _scripted is null && !_interrupted) return;
            DateTimeOffset? firstFrame = _firstFrame is { IsCompletedSuccessfully: true } sent ? sent.Result : null;
            var timings = new TurnTimings(_endOfSpeech, _sttFinal, _llmFirstToken, _ttsFirstAudio, firstFrame);
            var at = _c._time.GetUtcNow();
            var interrupted = _interrupted;
            _c._turns.Add(i => new ConversationTurn(i, "agent", text, at, Timings: timings, Interrupted: interrupted));
            if (_sttFinal is null) return;
            var agent = _c._setup.Agent.Id;
            _c._metrics.Stt(agent, _sttFinal.Value - _endOfSpeech);
            if (_llmRequest is { } ask && _llmFirstToken is { } first) _c._metrics.Llm(agent, first - ask);
            if (_ttsRequest is { } ttsAsk && _ttsFirstAudio is { } audio) _c._metrics.Tts(agent, audio - ttsAsk);
            if (firstFrame is { } frame) _c._metrics.Turn(agent, frame - _endOfSpeech);
            Report(_c._options.TurnMeasured, new TurnMeasurement(_endOfSpeech, _sttFinal, _llmRequest, _llmFirstToken, _ttsRequest, _ttsFirstAudio, firstFrame));
        }

        /// <summary>Sentences in, audio out: TTS of the next sentence runs while the previous one is still playing.</summary>
        private sealed class Speaker
        {
            private readonly Response _r;
            private readonly CancellationToken _token;
            private readonly Channel<string> _sentences = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            private readonly Task _speaking;

            public Speaker(Response response, CancellationToken token)
            {
                _r = response;
                _token = token;
                _speaking = Task.Run(SpeakAsync, CancellationToken.None);
            }

            public void Say(string sentence) => _sentences.Writer.TryWrite(sentence);

            /// <summary>Completes when every sentence said so far has been synthesised and its last frame sent.</summary>
            public async Task DrainAsync()
            {
                _sentences.Writer.TryComplete();
                await _speaking.ConfigureAwait(false);
                var audio = _r._c._setup.Audio;
                await audio.WaitForSentAsync(_token).ConfigureAwait(false);
                // A closed session also "drains" (its queue is dropped): the words were not heard.
                if (audio.CloseReason != AudioSocketCloseReason.None) throw new OperationCanceledException("The call's audio closed before the answer was heard.");
            }

            private async Task SpeakAsync()
            {
                var c = _r._c;
                await foreach (var sentence in _sentences.Reader.ReadAllAsync(_token).ConfigureAwait(false))
                {
                    var request = new TtsRequest(sentence, c._setup.Agent.Voice, c._setup.Agent.Speed, c._setup.SampleRate);
                    _r._ttsRequest ??= c._time.GetUtcNow();
                    var started = false;
                    byte? odd = null;
                    await foreach (var chunk in c._setup.Tts.SynthesizeAsync(request, _token).ConfigureAwait(false))
                    {
                        if (_r._interrupted) return;
                        if (chunk.IsEmpty) continue;
                        _r._ttsFirstAudio ??= c._time.GetUtcNow();
                        if (!started)
                        {
                            started = true;
                            lock (_r._spoken) _r._spoken.Append(sentence).Append(' ');
                        }
                        var audio = Even(chunk, ref odd);
                        if (audio.IsEmpty) continue;
                        _r._firstFrame ??= c._frames.NextFrameAsync(c._setup.Audio.Id);
                        await c._setup.Audio.SendAudioAsync(audio, _token).ConfigureAwait(false);
                    }
                }
            }

            /// <summary>Vendors may split a sample across chunks; the session takes whole 16-bit samples only.</summary>
            private static ReadOnlyMemory<byte> Even(ReadOnlyMemory<byte> chunk, ref byte? odd)
            {
                if (odd is null && chunk.Length % 2 == 0) return chunk;
                byte[] joined = odd is { } first ? [first, .. chunk.Span] : chunk.ToArray();
                odd = joined.Length % 2 == 1 ? joined[^1] : null;
                return joined.AsMemory(0, joined.Length - (joined.Length % 2));
            }
        }
    }

    /// <summary>Speaks a line to whoever is on the call's audio and waits until it is heard (a warm transfer's summary).</summary>
    private async Task SayToLineAsync(string text, CancellationToken cancellationToken)
    {
        var request = new TtsRequest(text, _setup.Agent.Voice, _setup.Agent.Speed, _setup.SampleRate);
        await foreach (var chunk in _setup.Tts.SynthesizeAsync(request, cancellationToken).ConfigureAwait(false))
        {
            var audio = chunk[..(chunk.Length & ~1)];
            if (!audio.IsEmpty) await _setup.Audio.SendAudioAsync(audio, cancellationToken).ConfigureAwait(false);
        }
        await _setup.Audio.WaitForSentAsync(cancellationToken).ConfigureAwait(false);
        _turns.Add(i => new ConversationTurn(i, "agent", text, _time.GetUtcNow()));
    }
}
