using System.Collections.Concurrent;
using System.Net;
using BotPbx.Asterisk.AudioSocket;
using BotPbx.TestSupport.Asterisk;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Audio;
using BotPbx.Voice.Pipeline;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Tools;
using Microsoft.Extensions.Logging.Abstractions;

namespace BotPbx.Voice.Tests.Fakes;

/// <summary>
/// One agent call over a real AudioSocket connection on loopback: BotPBX's AudioSocket server on one side, Asterisk's
/// side played by <see cref="AudioSocketPeer"/> sending a 20 ms frame every 20 ms (silence, or "speech": a loud
/// 300 Hz tone), as a caller's line does. The providers are in-memory fakes.
/// </summary>
public sealed class AgentCallHarness : IAsyncDisposable
{
    private readonly ConcurrentQueue<byte[]> _toSend = new();
    private readonly CancellationTokenSource _stop = new();
    private AudioSocketServer _server = null!;
    private Task _line = Task.CompletedTask;

    public AudioSocketPeer Peer { get; private set; } = null!;
    public IAudioSocketSession Session { get; private set; } = null!;
    public FrameSentSignals Frames { get; } = new(TimeProvider.System);
    public FakeCall Call { get; } = new();
    public MemoryConversationStore Store { get; } = new();
    public AgentConversation Conversation { get; private set; } = null!;
    public Task<ConversationEnd> Running { get; private set; } = null!;
    public List<TimeSpan> BargeIns { get; } = [];
    public List<TurnMeasurement> Measurements { get; } = [];

    /// <summary>When the caller's line started its current speech burst.</summary>
    public DateTimeOffset SpeechSentAt { get; private set; }

    public static async Task<AgentCallHarness> StartAsync(AgentDefinition agent, ILlmClient llm, ISpeechToText stt, ITextToSpeech tts,
        VoiceOptions? options = null, HttpClient? http = null)
    {
        var harness = new AgentCallHarness();
        await harness.StartCoreAsync(agent, llm, stt, tts, options ?? new VoiceOptions(), http ?? new HttpClient());
        return harness;
    }

    private async Task StartCoreAsync(AgentDefinition agent, ILlmClient llm, ISpeechToText stt, ITextToSpeech tts, VoiceOptions options, HttpClient http)
    {
        var registry = new AudioSocketSessionRegistry();
        _server = new AudioSocketServer(new AudioSocketOptions { Port = 0, AudioFrameSent = Frames.OnFrameSent }, registry);
        await _server.StartAsync(CancellationToken.None);
        var id = Guid.NewGuid();
        Peer = await AudioSocketPeer.ConnectAsync(_server.LocalEndPoint, id, CancellationToken.None);
        Session = await registry.WaitForAsync(id, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Call.Audio = Session;
        _line = Task.Run(RunLineAsync);
        options = options with
        {
            BargedIn = t => { lock (BargeIns) BargeIns.Add(t); },
            TurnMeasured = m => { lock (Measurements) Measurements.Add(m); },
        };
        var setup = new ConversationSetup
        {
            Agent = agent, Llm = llm, Stt = stt, Tts = tts, Audio = Session, SampleRate = 8_000, Call = Call, Store = Store,
            Start = new ConversationStart(agent.Id, "call", "PJSIP/test-1", "1001", "5551234", new Dictionary<string, string>(), DateTimeOffset.UtcNow),
        };
        Conversation = new AgentConversation(setup, options, new VoiceMetrics(), Frames, new FunctionCaller(http, options.FunctionTimeout),
            TimeProvider.System, NullLogger.Instance);
        Running = Conversation.RunAsync(CancellationToken.None);
    }

    public static AgentDefinition Agent(Func<AgentDefinition, AgentDefinition>? change = null)
    {
        var agent = new AgentDefinition
        {
            Id = "a1", Name = "Reception", Llm = new ProviderSettings("fake"), Model = "m", SystemPrompt = "You are the front desk.",
            Greeting = null, Tts = new ProviderSettings("fake"), Stt = new ProviderSettings("fake"),
        };
        return change is null ? agent : change(agent);
    }

    /// <summary>The caller talks for <paramref name="duration"/> (then the line is silent again).</summary>
    public void Say(TimeSpan duration)
    {
        var frames = (int)(duration / TimeSpan.FromMilliseconds(20));
        for (var f = 0; f < frames; f++)
        {
            var s = new short[160];
            for (var i = 0; i < s.Length; i++) s[i] = (short)(5000 * Math.Sin(2 * Math.PI * 300 * ((f * 160) + i) / 8000.0));
            _toSend.Enqueue(Pcm16.ToBytes(s));
        }
    }

    /// <summary>Audio frames from the agent that carried sound (not the silence padding).</summary>
    public int AgentSoundFrames() => Peer.Received.Count(f => f.Kind == AudioSocketPeer.KindSlin8 && Pcm16.Rms(f.Payload) > 100);

    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan? limit = null)
    {
        var until = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The awaited condition did not hold in time.");
            if (Running.IsCompleted && !condition()) await Task.Delay(50);
            await Task.Delay(10);
        }
    }

    public Task WaitForTurnAsync(string role, int count = 1) => WaitUntilAsync(() => Store.Snapshot().Count(t => t.Role == role) >= count);

    public async Task<ConversationEnd> EndAsync() => await Running.WaitAsync(TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _line.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Peer.DisposeAsync();
        await ((Task)Running).WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _server.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>Asterisk's side sends a frame every 20 ms whatever happens: queued speech, else silence.</summary>
    private async Task RunLineAsync()
    {
        var silence = new byte[320];
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var wasSpeaking = false;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var speaking = _toSend.TryDequeue(out var frame);
                if (speaking && !wasSpeaking) SpeechSentAt = DateTimeOffset.UtcNow;
                wasSpeaking = speaking;
                if (Peer.Completion.IsCompleted) return;
                await Peer.SendAudioAsync(speaking ? frame! : silence, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // The call is over.
        }
    }
}
