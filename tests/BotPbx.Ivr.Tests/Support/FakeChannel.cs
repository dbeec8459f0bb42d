using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Tests.Support;

/// <summary>
/// An in-memory channel: digits the caller "presses" are queued (null = the caller stays silent until the timeout),
/// everything the interpreter does is logged as text lines, and a hang-up can be triggered at any operation.
/// </summary>
public sealed class FakeChannel : IIvrChannel
{
    private readonly CancellationTokenSource _hangup = new();
    private readonly Queue<char?> _presses = new();
    private readonly Dictionary<string, string> _channelVariables = new(StringComparer.Ordinal);

    public FakeChannel(string callerNumber = "5551234", string dnid = "4000")
    {
        CallInfo = new IvrCallInfo("1795239477." + Random.Shared.Next(1, 99999), callerNumber, "Test Caller", dnid, "s", "PJSIP/1001-00000001");
    }

    public IvrCallInfo CallInfo { get; }

    public CancellationToken HangupToken => _hangup.Token;

    /// <summary>Everything done to the channel, e.g. "play prompt:Hello", "exec Goto botpbx-extensions,1001,1", "hangup".</summary>
    public List<string> Log { get; } = [];

    /// <summary>When set, the caller hangs up as soon as an operation whose log line starts with this text begins.</summary>
    public string? HangUpOn { get; set; }

    /// <summary>A digit pressed while the next prompt plays (barge-in).</summary>
    public char? BargeIn { get; set; }

    public IReadOnlyDictionary<string, string> ChannelVariables => _channelVariables;

    /// <summary>Called with each operation's log line before it runs, e.g. to publish a new version mid-call.</summary>
    public Action<string>? OnOperation { get; set; }

    /// <summary>The caller hangs up after <paramref name="delay"/>, whatever is running then.</summary>
    public void HangUpAfter(TimeSpan delay) => _hangup.CancelAfter(delay);

    public FakeChannel Press(string digits)
    {
        foreach (var digit in digits) _presses.Enqueue(digit);
        return this;
    }

    public FakeChannel Silence(int times = 1)
    {
        for (var i = 0; i < times; i++) _presses.Enqueue(null);
        return this;
    }

    private void Do(string line, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        OnOperation?.Invoke(line);
        if (HangUpOn is not null && line.StartsWith(HangUpOn, StringComparison.Ordinal))
        {
            Log.Add("caller hangs up during " + line);
            _hangup.Cancel();
            throw new OperationCanceledException(_hangup.Token);
        }
        Log.Add(line);
    }

    public Task AnswerAsync(CancellationToken cancellationToken)
    {
        Do("answer", cancellationToken);
        return Task.CompletedTask;
    }

    public Task<char?> PlayFileAsync(string file, string escapeDigits, CancellationToken cancellationToken)
    {
        Do("play " + file, cancellationToken);
        var digit = escapeDigits.Length > 0 ? BargeIn : null;
        if (digit is not null) BargeIn = null;
        return Task.FromResult(digit);
    }

    public Task<char?> WaitForDigitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Do($"wait {timeout.TotalSeconds:0}s", cancellationToken);
        return Task.FromResult(_presses.Count > 0 ? _presses.Dequeue() : null);
    }

    public Task<DigitInput> GetDigitsAsync(string? promptFile, TimeSpan timeout, int maxDigits, char? terminator, CancellationToken cancellationToken) =>
        DigitCollector.CollectAsync(this, promptFile, timeout, maxDigits, terminator, cancellationToken);

    public Task SayDigitsAsync(string digits, CancellationToken cancellationToken)
    {
        Do("say digits " + digits, cancellationToken);
        return Task.CompletedTask;
    }

    public Task SayNumberAsync(long number, CancellationToken cancellationToken)
    {
        Do("say number " + number, cancellationToken);
        return Task.CompletedTask;
    }

    public Task SetVariableAsync(string name, string value, CancellationToken cancellationToken)
    {
        Do($"set {name}={value}", cancellationToken);
        _channelVariables[name] = value;
        return Task.CompletedTask;
    }

    public Task<string?> GetVariableAsync(string name, CancellationToken cancellationToken)
    {
        Do("get " + name, cancellationToken);
        return Task.FromResult(_channelVariables.TryGetValue(name, out var value) ? value : null);
    }

    public Task<int> ExecAsync(string application, string arguments, CancellationToken cancellationToken)
    {
        Do($"exec {application} {arguments}", cancellationToken);
        return Task.FromResult(0);
    }

    public Task<RecordingResult> RecordAsync(string file, TimeSpan maxDuration, TimeSpan? silence, bool beep, CancellationToken cancellationToken)
    {
        Do($"record {file} max={maxDuration.TotalSeconds:0}s beep={beep}", cancellationToken);
        return Task.FromResult(new RecordingResult(file, "dtmf"));
    }

    public Task HangupAsync(CancellationToken cancellationToken)
    {
        Do("hangup", cancellationToken);
        return Task.CompletedTask;
    }
}
