namespace BotPbx.Asterisk.Agi;

/// <summary>
/// Answering, prompts and DTMF collection. Prompts last as long as the audio, so these commands wait without a timeout;
/// a hang-up ends them anyway (Asterisk answers -1, then sends HANGUP) and the caller's token can stop the wait.
/// Every file name and digit list goes out as one quoted argument (see <see cref="AgiCommandText"/>).
/// </summary>
public static class AgiPlaybackCommands
{
    /// <summary>ANSWER: true when the channel is answered (<c>result=0</c>), false when answering failed (-1).</summary>
    public static async Task<bool> AnswerAsync(this IAgiChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        const string command = "ANSWER";
        var reply = await channel.SendCommandAsync(command, cancellationToken).ConfigureAwait(false);
        return AgiReplyChecks.Code(command, reply) == 0;
    }

    /// <summary>STREAM FILE: plays <paramref name="file"/> (no extension), stopping at any of <paramref name="escapeDigits"/>.</summary>
    public static async Task<AgiPlaybackResult> StreamFileAsync(
        this IAgiChannel channel, string file, string escapeDigits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var command = $"STREAM FILE {AgiCommandText.Quote(file)} {DigitList(escapeDigits)}";
        var reply = await channel.SendCommandAsync(command, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return AgiReplyChecks.Playback(command, reply);
    }

    /// <summary>CONTROL STREAM FILE: playback the caller can skip, rewind and pause; a stop digit is reported like STREAM FILE's.</summary>
    public static async Task<AgiPlaybackResult> ControlStreamFileAsync(
        this IAgiChannel channel, string file, string escapeDigits, AgiControlStreamOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        options ??= new AgiControlStreamOptions();
        var command = $"CONTROL STREAM FILE {AgiCommandText.Quote(file)} {DigitList(escapeDigits)} " +
                      $"{Milliseconds(options.Skip)} {DigitList(options.ForwardDigit)} {DigitList(options.RewindDigit)} " +
                      $"{DigitList(options.PauseDigit)} {Milliseconds(options.Offset)}";
        var reply = await channel.SendCommandAsync(command, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return AgiReplyChecks.Playback(command, reply);
    }

    /// <summary>GET DATA: plays <paramref name="file"/> and collects up to <paramref name="maxDigits"/> digits ('#' ends input).</summary>
    public static async Task<AgiGetDataResult> GetDataAsync(
        this IAgiChannel channel, string file, TimeSpan timeout, int maxDigits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDigits, 1);
        var command = $"GET DATA {AgiCommandText.Quote(file)} {Milliseconds(timeout)} {AgiCommandText.Number(maxDigits)}";
        var reply = await channel.SendCommandAsync(command, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return AgiReplyChecks.GetData(command, reply);
    }

    /// <summary>WAIT FOR DIGIT: waits up to <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/> for ever) for one digit.</summary>
    public static async Task<AgiDigitResult> WaitForDigitAsync(
        this IAgiChannel channel, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var wait = timeout == Timeout.InfiniteTimeSpan ? "-1" : Milliseconds(timeout);
        var command = $"WAIT FOR DIGIT {wait}";
        var reply = await channel.SendCommandAsync(command, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return AgiReplyChecks.Digit(command, reply);
    }

    /// <summary>SAY DIGITS: says each digit of <paramref name="digits"/>, interruptible by <paramref name="escapeDigits"/>.</summary>
    public static async Task<AgiDigitResult> SayDigitsAsync(
        this IAgiChannel channel, string digits, string escapeDigits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var command = $"SAY DIGITS {DigitList(digits)} {DigitList(escapeDigits)}";
        var reply = await channel.SendCommandAsync(command, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return AgiReplyChecks.Digit(command, reply);
    }

    /// <summary>SAY NUMBER: says <paramref name="number"/> in the channel's language; <paramref name="gender"/> is e.g. "f" or "n".</summary>
    public static async Task<AgiDigitResult> SayNumberAsync(
        this IAgiChannel channel, long number, string escapeDigits, CancellationToken cancellationToken, string? gender = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var command = $"SAY NUMBER {AgiCommandText.Number(number)} {DigitList(escapeDigits)}";
        if (!string.IsNullOrEmpty(gender)) command += " " + AgiCommandText.Quote(gender);
        var reply = await channel.SendCommandAsync(command, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return AgiReplyChecks.Digit(command, reply);
    }

    /// <summary>
    /// RECORD FILE: records to <paramref name="file"/>.<paramref name="format"/> until an escape digit, silence,
    /// <paramref name="maxDuration"/> or hang-up.
    /// </summary>
    public static async Task<AgiRecordResult> RecordFileAsync(
        this IAgiChannel channel, string file, string format, string escapeDigits, TimeSpan maxDuration,
        AgiRecordOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        options ??= new AgiRecordOptions();
        var command = $"RECORD FILE {AgiCommandText.Quote(file)} {AgiCommandText.Word(format, nameof(format))} " +
                      $"{DigitList(escapeDigits)} {Milliseconds(maxDuration)}";
        // res_agi reads argument 5 as the sample offset when it is a number and plays a beep when it is not.
        if (options.Beep) command += " BEEP";
        if (options.MaxSilence is { } silence) command += $" s={AgiCommandText.Number((long)Math.Ceiling(silence.TotalSeconds))}";
        var reply = await channel.SendCommandAsync(command, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return AgiReplyChecks.Record(command, reply);
    }

    /// <summary>A quoted list of DTMF digits; anything else is refused so a caller's input can never become syntax.</summary>
    internal static string DigitList(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c) && c is not ('*' or '#' or >= 'A' and <= 'D' or >= 'a' and <= 'd'))
            {
                throw new ArgumentException($"'{digits}' holds a character that is not a DTMF digit.", nameof(digits));
            }
        }
        return AgiCommandText.Quote(digits);
    }

    internal static string Milliseconds(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        return AgiCommandText.Number((long)value.TotalMilliseconds);
    }
}
