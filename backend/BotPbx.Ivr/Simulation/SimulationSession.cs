using BotPbx.Ivr.Runtime;
using BotPbx.Ivr.Tracing;
using BotPbx.Ivr.Versions;

namespace BotPbx.Ivr.Simulation;

/// <summary>
/// One simulated call: the interpreter runs a flow snapshot on a <see cref="SimulatedChannel"/> in the background;
/// each request pushes the browser's input and returns once the run waits for the caller again or has ended.
/// Requests to one session are served one at a time.
/// </summary>
public sealed class SimulationSession : IAsyncDisposable
{
    private readonly SimulatedChannel _channel;
    private readonly SimulationOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task<IvrTrace> _run = null!;
    private IvrTrace? _trace;
    private IvrVariables? _variables;
    private double? _waitSeconds;

    private static long _created;

    private SimulationSession(Guid id, SimulatedChannel channel, SimulationOptions options, TimeProvider time)
    {
        Id = id;
        Sequence = Interlocked.Increment(ref _created);
        _channel = channel;
        _options = options;
        _time = time;
        LastUsed = time.GetUtcNow();
    }

    public Guid Id { get; }

    /// <summary>The IVR whose flow this session runs; requests for another IVR's URL are refused.</summary>
    public string IvrId { get; private init; } = "";

    public DateTimeOffset LastUsed { get; private set; }

    /// <summary>Creation order, to break ties between sessions last used at the same instant.</summary>
    public long Sequence { get; }

    public bool HasEnded => _run.IsCompleted;

    internal static async Task<(SimulationSession Session, SimulationState State)> StartAsync(IvrInterpreter interpreter, IvrFlowSnapshot snapshot,
        IvrCallInfo call, Func<string, string?> promptUrl, SimulationOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var session = new SimulationSession(Guid.NewGuid(), new SimulatedChannel(call, promptUrl), options, time) { IvrId = snapshot.IvrId };
        var idle = session._channel.ArmIdle();
        session._run = Task.Run(() => interpreter.RunAsync(session._channel, snapshot, session._stop.Token, (trace, variables) =>
        {
            session._trace = trace;
            session._variables = variables;
        }), CancellationToken.None);
        var state = await session.WaitAsync(idle, cancellationToken).ConfigureAwait(false);
        return (session, state);
    }

    /// <summary>Sends the browser's input and returns the state once the run waits again or has ended.</summary>
    public async Task<SimulationState> SendAsync(SimulationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            LastUsed = _time.GetUtcNow();
            if (_run.IsCompleted) return State();
            var idle = _channel.ArmIdle();
            _waitSeconds = null;
            if (input.Hangup) _channel.HangUpNow();
            else if (input.Timeout || !string.IsNullOrEmpty(input.Digits)) _channel.Send(input);
            return await WaitAsync(idle, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SimulationState> WaitAsync(Task<double?> idle, CancellationToken cancellationToken)
    {
        try
        {
            var finished = await Task.WhenAny(idle, _run).WaitAsync(_options.StepTimeout, cancellationToken).ConfigureAwait(false);
            _waitSeconds = finished == idle && !_run.IsCompleted ? await idle.ConfigureAwait(false) : null;
        }
        catch (TimeoutException)
        {
            // Still busy (a slow httpRequest): the browser asks again with an empty input.
            _waitSeconds = null;
        }
        return State();
    }

    /// <summary>
    /// The state now. The trace and variables are read only while the run is paused or over; while a node is still
    /// busy ("running") they may change under us, so the path and variables are left out until it pauses again.
    /// </summary>
    public SimulationState State()
    {
        var paused = _run.IsCompleted || _waitSeconds is not null;
        var trace = _run.IsCompletedSuccessfully ? _run.Result : paused ? _trace : null;
        var path = trace?.Steps.Select(s => new SimulationStep(s.Index, s.NodeId, s.Type, s.Handle, s.Digits, s.Detail, s.Error)).ToList() ?? [];
        var variables = trace?.EndedAt is not null ? trace.Variables : paused ? _variables?.Snapshot() ?? new Dictionary<string, string>() : new Dictionary<string, string>();
        return _run.IsCompleted
            ? new SimulationState(Id, SimulationState.Ended, null, trace is null ? null : Camel(trace.Outcome), trace?.Error, _channel.Events, path, variables)
            : new SimulationState(Id, _waitSeconds is null ? SimulationState.Running : SimulationState.Waiting, _waitSeconds, null, null,
                _channel.Events, path, variables);
    }

    private static string Camel(IvrRunOutcome outcome)
    {
        var name = outcome.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A node ignoring cancellation would be a bug; the session is dropped either way.
        }
        _stop.Dispose();
        _gate.Dispose();
        _channel.Dispose();
    }
}
