using BotPbx.Asterisk.Agi;
using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Agi;

/// <summary>
/// <see cref="IIvrChannel"/> over a FastAGI session, using the typed AGI commands. A result of -1 (failure) is turned
/// into the caller's hang-up when Asterisk's unprompted <c>HANGUP</c> line follows, and into an error otherwise.
/// </summary>
public sealed class AgiIvrChannel : IIvrChannel
{
    private readonly IAgiChannel _agi;
    private readonly TimeSpan _hangupGrace;

    /// <param name="agi">The FastAGI session.</param>
    /// <param name="hangupGrace">
    /// How long to wait, after a -1 result, for the <c>HANGUP</c> line: Asterisk sends it about 40 ms after the
    /// command's reply (fixture fastagi-sip-601-caller-hangs-up-during-stream), so a -1 alone cannot tell a hang-up
    /// from a missing sound file.
    /// </param>
    public AgiIvrChannel(IAgiChannel agi, TimeSpan hangupGrace)
    {
        ArgumentNullException.ThrowIfNull(agi);
        _agi = agi;
        _hangupGrace = hangupGrace;
        var request = agi.Request;
        CallInfo = new IvrCallInfo(request.UniqueId, request.CallerIdNumber ?? "", request.CallerIdName ?? "", request.Dnid ?? "",
            request.Extension, request.Channel);
    }

    public IvrCallInfo CallInfo { get; }

    public CancellationToken HangupToken => _agi.Hangup;

    public async Task AnswerAsync(CancellationToken cancellationToken)
    {
        if (!await _agi.AnswerAsync(cancellationToken).ConfigureAwait(false)) await FailedAsync("ANSWER", cancellationToken).ConfigureAwait(false);
    }

    public async Task<char?> PlayFileAsync(string file, string escapeDigits, CancellationToken cancellationToken)
    {
        var result = await _agi.StreamFileAsync(file, escapeDigits, cancellationToken).ConfigureAwait(false);
        if (result.Failed) await FailedAsync($"STREAM FILE {file} (missing or unreadable sound file?)", cancellationToken).ConfigureAwait(false);
        return result.Digit;
    }

    public async Task<char?> WaitForDigitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await _agi.WaitForDigitAsync(timeout, cancellationToken).ConfigureAwait(false);
        if (result.Failed) await FailedAsync("WAIT FOR DIGIT", cancellationToken).ConfigureAwait(false);
        return result.Digit;
    }

    /// <summary>
    /// GET DATA when '#' ends the input (Asterisk fixes '#' as GET DATA's terminator): one round trip for the whole
    /// input. Any other terminator, or no prompt, is collected digit by digit.
    /// </summary>
    public async Task<DigitInput> GetDigitsAsync(string? promptFile, TimeSpan timeout, int maxDigits, char? terminator, CancellationToken cancellationToken)
    {
        if (terminator != '#' || promptFile is null)
        {
            return await DigitCollector.CollectAsync(this, promptFile, timeout, maxDigits, terminator, cancellationToken).ConfigureAwait(false);
        }
        var result = await _agi.GetDataAsync(promptFile, timeout, maxDigits, cancellationToken).ConfigureAwait(false);
        if (result.Failed) await FailedAsync("GET DATA", cancellationToken).ConfigureAwait(false);
        return new DigitInput(result.Digits, result.TimedOut, Terminated: !result.TimedOut && result.Digits.Length < maxDigits);
    }

    public async Task SayDigitsAsync(string digits, CancellationToken cancellationToken)
    {
        var result = await _agi.SayDigitsAsync(digits, string.Empty, cancellationToken).ConfigureAwait(false);
        if (result.Failed) await FailedAsync("SAY DIGITS", cancellationToken).ConfigureAwait(false);
    }

    public async Task SayNumberAsync(long number, CancellationToken cancellationToken)
    {
        var result = await _agi.SayNumberAsync(number, string.Empty, cancellationToken).ConfigureAwait(false);
        if (result.Failed) await FailedAsync("SAY NUMBER", cancellationToken).ConfigureAwait(false);
    }

    public Task SetVariableAsync(string name, string value, CancellationToken cancellationToken) =>
        _agi.SetVariableAsync(name, value, cancellationToken);

    public Task<string?> GetVariableAsync(string name, CancellationToken cancellationToken) =>
        _agi.GetVariableAsync(name, cancellationToken);

    public async Task<int> ExecAsync(string application, string arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await _agi.ExecAsync(application, arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (AgiApplicationNotFoundException)
        {
            return AgiCallCommands.ApplicationNotFound;
        }
    }

    public async Task<RecordingResult> RecordAsync(string file, TimeSpan maxDuration, TimeSpan? silence, bool beep, CancellationToken cancellationToken)
    {
        var options = new AgiRecordOptions { Beep = beep, MaxSilence = silence };
        var result = await _agi.RecordFileAsync(file, "wav", "#", maxDuration, options, cancellationToken).ConfigureAwait(false);
        if (result.End is AgiRecordEnd.Hangup or AgiRecordEnd.Error) await FailedAsync("RECORD FILE", cancellationToken).ConfigureAwait(false);
        return new RecordingResult(file, result.End == AgiRecordEnd.Digit ? "dtmf" : "timeout");
    }

    public Task HangupAsync(CancellationToken cancellationToken) => _agi.HangupAsync(cancellationToken);

    /// <summary>A -1 result: the caller's hang-up when the HANGUP line comes within the grace time, an error otherwise.</summary>
    private async Task FailedAsync(string what, CancellationToken cancellationToken)
    {
        if (!_agi.IsHungUp)
        {
            try
            {
                await Task.Delay(_hangupGrace, _agi.Hangup).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_agi.IsHungUp)
            {
                // The HANGUP line arrived: handled below.
            }
        }
        if (_agi.IsHungUp) throw new OperationCanceledException("The caller hung up.", _agi.Hangup);
        throw new IvrChannelException($"{what} failed (result -1).");
    }
}

/// <summary>Asterisk reported a failure that was not the caller hanging up.</summary>
public sealed class IvrChannelException : Exception
{
    public IvrChannelException() { }

    public IvrChannelException(string message) : base(message) { }

    public IvrChannelException(string message, Exception innerException) : base(message, innerException) { }
}
