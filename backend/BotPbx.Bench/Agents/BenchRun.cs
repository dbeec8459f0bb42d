using BotPbx.Asterisk.AudioSocket;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Pipeline;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Tools;
using Microsoft.Extensions.Logging.Abstractions;

namespace BotPbx.Bench.Agents;

/// <summary>One measured run: an AudioSocket server whose sessions each run an agent conversation, and its callers.</summary>
internal sealed class BenchRun(string answer, int calls, Action<TurnMeasurement>? measured = null, Action<TimeSpan>? bargedIn = null,
    Action<TimeSpan>? frameSent = null)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private int _turns;

    public FrameSentSignals Frames { get; } = new(TimeProvider.System);

    public int Turns => Volatile.Read(ref _turns);

    public TimeSpan DriverLag { get; private set; }

    /// <summary>Connects the callers, then every 20 ms sends each one frame, speech when <paramref name="speaking"/> says so.</summary>
    public async Task PlayAsync(int ticks, Func<BenchCaller, int, int, bool> speaking, CancellationToken cancellationToken)
    {
        var options = new VoiceOptions
        {
            TurnMeasured = m =>
            {
                Interlocked.Increment(ref _turns);
                measured?.Invoke(m);
            },
            BargedIn = bargedIn,
        };
        var metrics = new VoiceMetrics();
        var functions = new FunctionCaller(new HttpClient(), options.FunctionTimeout);
        var agent = new AgentDefinition
        {
            Id = "bench", Name = "Bench", Llm = new ProviderSettings("bench"), Model = "bench", SystemPrompt = "You answer questions.",
            Tts = new ProviderSettings("bench"), Stt = new ProviderSettings("bench"), MaxTurns = 10_000, SilenceTimeout = TimeSpan.FromMinutes(5),
        };
        var server = new AudioSocketServer(
            new AudioSocketOptions { Port = 0, OutputKind = AudioSocketKind.Slin16, AudioFrameSent = frameSent is null ? Frames.OnFrameSent : (session, lateness) =>
                {
                    Frames.OnFrameSent(session, lateness);
                    frameSent(lateness);
                }, MaxConcurrentSessions = 2000 },
            new AudioSocketSessionRegistry(),
            async (session, token) =>
            {
                var setup = new ConversationSetup
                {
                    Agent = agent,
                    Llm = new BenchLlm(TimeSpan.FromMilliseconds(40), answer),
                    Stt = new BenchStt(),
                    Tts = new BenchTts(TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(25)),
                    Audio = session,
                    SampleRate = 16_000,
                    Call = new NullCall(),
                    Store = new NullStore(),
                    Start = new ConversationStart("bench", "call", null, null, null, new Dictionary<string, string>(), DateTimeOffset.UtcNow),
                };
                await new AgentConversation(setup, options, metrics, Frames, functions, TimeProvider.System, NullLogger.Instance)
                    .RunAsync(token).ConfigureAwait(false);
            });
        await using (server.ConfigureAwait(false))
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            var callers = new List<BenchCaller>();
            for (var i = 0; i < calls; i++) callers.Add(await BenchCaller.ConnectAsync(server.LocalEndPoint, cancellationToken).ConfigureAwait(false));
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            Frames.ResetCounters();
            var started = DateTimeOffset.UtcNow;
            using var timer = new PeriodicTimer(Tick);
            for (var tick = 0; tick < ticks && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false); tick++)
            {
                var lag = DateTimeOffset.UtcNow - started - (Tick * (tick + 1));
                if (lag > DriverLag) DriverLag = lag;
                for (var i = 0; i < callers.Count; i++)
                {
                    callers[i].Speaking = speaking(callers[i], i, tick);
                    await callers[i].TickAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            foreach (var caller in callers) await caller.DisposeAsync().ConfigureAwait(false);
        }
        metrics.Dispose();
    }
}
