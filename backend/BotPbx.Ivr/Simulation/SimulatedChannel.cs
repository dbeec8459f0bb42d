using System.Threading.Channels;
using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Simulation;

/// <summary>
/// The browser simulator's channel: the real executors run against it. Prompts become events with an audio URL,
/// and wherever a real call would wait for DTMF the run pauses until the browser sends digits, a timeout or a hang-up.
/// Digits sent ahead are kept, so "1234#" answers a whole dtmfInput, and a digit waiting when a prompt starts
/// interrupts it as barge-in would.
/// </summary>
internal sealed class SimulatedChannel : IIvrChannel, IDisposable
{
    private const string DtmfDigits = "0123456789*#";

    private readonly Channel<SimulationInput> _inputs = Channel.CreateUnbounded<SimulationInput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<char> _typeAhead = new();
    private readonly CancellationTokenSource _hangup = new();
    private readonly List<SimulationEvent> _events = [];
    private readonly Dictionary<string, string> _channelVariables = new(StringComparer.Ordinal);
    private readonly Func<string, string?> _promptUrl;
    private readonly Lock _lock = new();
    private TaskCompletionSource<double?> _idle = NewIdle();

    public SimulatedChannel(IvrCallInfo call, Func<string, string?> promptUrl)
    {
        CallInfo = call;
        _promptUrl = promptUrl;
    }

    public IvrCallInfo CallInfo { get; }

    public CancellationToken HangupToken => _hangup.Token;

    public IReadOnlyList<SimulationEvent> Events
    {
        get
        {
            lock (_lock) return [.. _events];
        }
    }

    /// <summary>A task that completes (with the wait in seconds) the next time the run waits for the caller.</summary>
    public Task<double?> ArmIdle()
    {
        lock (_lock)
        {
            _idle = NewIdle();
            return _idle.Task;
        }
    }

    public void Send(SimulationInput input) => _inputs.Writer.TryWrite(input);

    /// <summary>The browser hung up: cancels whatever runs now, as Asterisk's HANGUP line does.</summary>
    public void HangUpNow()
    {
        Add("callerHangup");
        _hangup.Cancel();
    }

    public Task AnswerAsync(CancellationToken cancellationToken)
    {
        Add("answer");
        return Task.CompletedTask;
    }

    public Task<char?> PlayFileAsync(string file, string escapeDigits, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Add("play", file: file, url: _promptUrl(file));
        char? barge = escapeDigits.Length > 0 && _typeAhead.TryDequeue(out var digit) ? digit : null;
        return Task.FromResult(barge);
    }

    public async Task<char?> WaitForDigitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_typeAhead.TryDequeue(out var buffered)) return buffered;
            SignalIdle(timeout.TotalSeconds);
            var input = await _inputs.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (input.Hangup)
            {
                HangUpNow();
                throw new OperationCanceledException("The simulated caller hung up.", _hangup.Token);
            }
            if (input.Timeout)
            {
                Add("timeout", $"no digit within {timeout.TotalSeconds:0} s");
                return null;
            }
            foreach (var c in input.Digits ?? "")
            {
                if (DtmfDigits.Contains(c, StringComparison.Ordinal)) _typeAhead.Enqueue(c);
            }
            if (_typeAhead.Count > 0) Add("dtmf", input.Digits);
        }
    }

    public Task<DigitInput> GetDigitsAsync(string? promptFile, TimeSpan timeout, int maxDigits, char? terminator, CancellationToken cancellationToken) =>
        DigitCollector.CollectAsync(this, promptFile, timeout, maxDigits, terminator, cancellationToken);

    public Task SayDigitsAsync(string digits, CancellationToken cancellationToken)
    {
        Add("sayDigits", digits);
        return Task.CompletedTask;
    }

    public Task SayNumberAsync(long number, CancellationToken cancellationToken)
    {
        Add("sayNumber", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Task.CompletedTask;
    }

    public Task SetVariableAsync(string name, string value, CancellationToken cancellationToken)
    {
        lock (_lock) _channelVariables[name] = value;
        Add("setChannelVariable", $"{name}={value}");
        return Task.CompletedTask;
    }

    public Task<string?> GetVariableAsync(string name, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(_channelVariables.TryGetValue(name, out var value) ? value : null);
    }

    /// <summary>Dialplan applications are not run; the event says where the call would go (Goto = transfer).</summary>
    public Task<int> ExecAsync(string application, string arguments, CancellationToken cancellationToken)
    {
        Add(application == "Goto" ? "transfer" : "exec", application == "Goto" ? arguments : $"{application}({arguments})");
        return Task.FromResult(0);
    }

    /// <summary>Nothing is recorded in the browser; the event marks where a real call would record.</summary>
    public Task<RecordingResult> RecordAsync(string file, TimeSpan maxDuration, TimeSpan? silence, bool beep, CancellationToken cancellationToken)
    {
        Add("record", $"up to {maxDuration.TotalSeconds:0} s", file);
        return Task.FromResult(new RecordingResult(file, "simulated"));
    }

    public Task HangupAsync(CancellationToken cancellationToken)
    {
        Add("hangup");
        return Task.CompletedTask;
    }

    private void SignalIdle(double seconds)
    {
        lock (_lock) _idle.TrySetResult(seconds);
    }

    private void Add(string kind, string? detail = null, string? file = null, string? url = null)
    {
        lock (_lock) _events.Add(new SimulationEvent(_events.Count + 1, kind, detail, file, url));
    }

    public void Dispose() => _hangup.Dispose();

    private static TaskCompletionSource<double?> NewIdle() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
