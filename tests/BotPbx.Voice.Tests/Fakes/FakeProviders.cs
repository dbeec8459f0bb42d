using System.Runtime.CompilerServices;
using System.Threading.Channels;
using BotPbx.Voice.Audio;
using BotPbx.Voice.Providers;

namespace BotPbx.Voice.Tests.Fakes;

/// <summary>STT that answers each caller turn with the next scripted transcript when the turn is flushed.</summary>
public sealed class ScriptedStt(params string[] transcripts) : ISpeechToText
{
    private readonly Queue<string> _transcripts = new(transcripts);

    public bool IsStreaming => true;

    public int Turns { get; private set; }

    private long _audioBytes;

    public long AudioBytes => Interlocked.Read(ref _audioBytes);

    public Task<ISttSession> StartAsync(SttOptions options, CancellationToken cancellationToken) => Task.FromResult<ISttSession>(new Session(this));

    private sealed class Session(ScriptedStt stt) : ISttSession
    {
        private readonly Channel<SttResult> _results = Channel.CreateUnbounded<SttResult>();

        public ValueTask SendAsync(ReadOnlyMemory<byte> pcm16, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref stt._audioBytes, pcm16.Length);
            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            string text;
            lock (stt._transcripts)
            {
                stt.Turns++;
                text = stt._transcripts.Count > 0 ? stt._transcripts.Dequeue() : "";
            }
            _results.Writer.TryWrite(new SttResult(text, true));
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

/// <summary>An LLM answering from a script, one reply per request; records every request.</summary>
public sealed class ScriptedLlm(Func<LlmRequest, int, IReadOnlyList<LlmDelta>> script) : ILlmClient
{
    private int _count;

    public List<LlmRequest> Requests { get; } = [];

    public TimeSpan FirstTokenDelay { get; set; }

    public TimeSpan TokenDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    private int _cancelled;

    public int Cancelled => Volatile.Read(ref _cancelled);

    public static ScriptedLlm Saying(params string[] replies) =>
        new((_, n) => [.. Words(replies[Math.Min(n, replies.Length - 1)]), new LlmDone("stop")]);

    public static IEnumerable<LlmDelta> Words(string text) =>
        System.Text.RegularExpressions.Regex.Split(text, "(?<= )").Where(w => w.Length > 0).Select(w => (LlmDelta)new LlmTextDelta(w));

    public async IAsyncEnumerable<LlmDelta> StreamAsync(LlmRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int n;
        lock (Requests)
        {
            Requests.Add(request);
            n = _count++;
        }
        try
        {
            if (FirstTokenDelay > TimeSpan.Zero) await Task.Delay(FirstTokenDelay, cancellationToken);
            foreach (var delta in script(request, n))
            {
                await Task.Delay(TokenDelay, cancellationToken);
                yield return delta;
            }
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested) Interlocked.Increment(ref _cancelled);
        }
    }
}

/// <summary>TTS that speaks a 440 Hz tone, <see cref="PerCharacter"/> per character, in 100 ms chunks, after <see cref="Delay"/>.</summary>
public sealed class ToneTts : ITextToSpeech
{
    public TimeSpan PerCharacter { get; set; } = TimeSpan.FromMilliseconds(10);

    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(5);

    public List<string> Sentences { get; } = [];

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(TtsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (Sentences) Sentences.Add(request.Text);
        await Task.Delay(Delay, cancellationToken);
        var samples = (int)(request.SampleRate * (PerCharacter * request.Text.Length).TotalSeconds);
        var chunk = request.SampleRate / 10;
        for (var at = 0; at < samples; at += chunk)
        {
            var s = new short[Math.Min(chunk, samples - at)];
            for (var i = 0; i < s.Length; i++) s[i] = (short)(6000 * Math.Sin(2 * Math.PI * 440 * (at + i) / request.SampleRate));
            yield return Pcm16.ToBytes(s);
        }
    }
}
