using System.Runtime.CompilerServices;
using System.Threading.Channels;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Tools;

namespace BotPbx.Bench.Agents;

/// <summary>
/// Local fake providers with fixed, known waits (the benchmark subtracts provider time, so the waits only make the load
/// realistic): STT answers at the flush, the LLM streams a two-sentence answer after <see cref="LlmFirstToken"/>, TTS
/// gives a tone of 60 ms per character after <see cref="TtsFirstAudio"/>.
/// </summary>
internal sealed class BenchStt : ISpeechToText
{
    public bool IsStreaming => true;

    public Task<ISttSession> StartAsync(SttOptions options, CancellationToken cancellationToken) => Task.FromResult<ISttSession>(new Session());

    private sealed class Session : ISttSession
    {
        private readonly Channel<SttResult> _results = Channel.CreateUnbounded<SttResult>();

        public ValueTask SendAsync(ReadOnlyMemory<byte> pcm16, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            _results.Writer.TryWrite(new SttResult("what are your opening hours", true));
            return ValueTask.CompletedTask;
        }

        public IAsyncEnumerable<SttResult> ResultsAsync(CancellationToken cancellationToken) => _results.Reader.ReadAllAsync(cancellationToken);

        public ValueTask DisposeAsync()
        {
            _results.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }
}

internal sealed class BenchLlm(TimeSpan firstToken, string answer) : ILlmClient
{
    public async IAsyncEnumerable<LlmDelta> StreamAsync(LlmRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(firstToken, cancellationToken).ConfigureAwait(false);
        foreach (var word in answer.Split(' ')) yield return new LlmTextDelta(word + " ");
        yield return new LlmDone("stop");
    }
}

internal sealed class BenchTts(TimeSpan firstAudio, TimeSpan perCharacter) : ITextToSpeech
{
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(TtsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(firstAudio, cancellationToken).ConfigureAwait(false);
        var samples = (int)(request.SampleRate * (perCharacter * request.Text.Length).TotalSeconds);
        var audio = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            var s = (short)(4000 * Math.Sin(2 * Math.PI * 440 * i / request.SampleRate));
            audio[2 * i] = (byte)s;
            audio[(2 * i) + 1] = (byte)(s >> 8);
        }
        yield return audio;
    }
}

internal sealed class NullCall : ICallControl
{
    public Task<TransferResult> TransferAsync(TransferTarget target, string? summary, Func<string, CancellationToken, Task> speak, CancellationToken cancellationToken) =>
        Task.FromResult(TransferResult.Done);

    public Task HangupAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SendDtmfAsync(string digits, CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class NullStore : IConversationStore
{
    public Task<long> StartAsync(ConversationStart start, CancellationToken cancellationToken) => Task.FromResult(1L);

    public Task AddTurnAsync(long conversationId, ConversationTurn turn, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task EndAsync(long conversationId, ConversationEnd outcome, CancellationToken cancellationToken) => Task.CompletedTask;
}
