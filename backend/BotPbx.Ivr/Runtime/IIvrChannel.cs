namespace BotPbx.Ivr.Runtime;

/// <summary>
/// What the interpreter needs from a call. Implemented over a FastAGI session (<c>Agi/AgiIvrChannel</c>), by the
/// browser simulator (<c>Simulation/SimulatedChannel</c>) and by tests. Every method throws
/// <see cref="OperationCanceledException"/> once the caller hangs up (<see cref="HangupToken"/>).
/// </summary>
public interface IIvrChannel
{
    /// <summary>Who is calling and what they dialled (AGI's agi_callerid, agi_dnid, agi_uniqueid…).</summary>
    IvrCallInfo CallInfo { get; }

    /// <summary>Cancelled when the caller hangs up (AGI sends an unprompted <c>HANGUP</c> line).</summary>
    CancellationToken HangupToken { get; }

    Task AnswerAsync(CancellationToken cancellationToken);

    /// <summary>Plays a sound file (path without extension). Returns the digit that interrupted it, or null.</summary>
    Task<char?> PlayFileAsync(string file, string escapeDigits, CancellationToken cancellationToken);

    /// <summary>Waits up to <paramref name="timeout"/> for one digit; null when none came.</summary>
    Task<char?> WaitForDigitAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// Plays <paramref name="promptFile"/> (if any, interruptible by a digit) and collects up to
    /// <paramref name="maxDigits"/> digits; <paramref name="timeout"/> applies to each digit; a
    /// <paramref name="terminator"/> ends the input and is not part of it.
    /// </summary>
    Task<DigitInput> GetDigitsAsync(string? promptFile, TimeSpan timeout, int maxDigits, char? terminator, CancellationToken cancellationToken);

    Task SayDigitsAsync(string digits, CancellationToken cancellationToken);

    Task SayNumberAsync(long number, CancellationToken cancellationToken);

    Task SetVariableAsync(string name, string value, CancellationToken cancellationToken);

    /// <summary>A channel variable, or null when it is not set.</summary>
    Task<string?> GetVariableAsync(string name, CancellationToken cancellationToken);

    /// <summary>Runs a dialplan application (EXEC); returns its result code (-2 when the application does not exist).</summary>
    Task<int> ExecAsync(string application, string arguments, CancellationToken cancellationToken);

    /// <summary>Records the caller to <paramref name="file"/> (path without extension) in WAV format.</summary>
    Task<RecordingResult> RecordAsync(string file, TimeSpan maxDuration, TimeSpan? silence, bool beep, CancellationToken cancellationToken);

    Task HangupAsync(CancellationToken cancellationToken);
}

/// <summary>The caller and the number they reached, as Asterisk reported them; "unknown" is already turned into empty.</summary>
public sealed record IvrCallInfo(string CallId, string CallerNumber, string CallerName, string Dnid, string Extension, string Channel);

/// <summary>Digits the caller typed. <see cref="TimedOut"/> is true when input stopped because no digit came in time.</summary>
public sealed record DigitInput(string Digits, bool TimedOut, bool Terminated);

/// <summary>What a recording produced: the file (without extension), and how it ended.</summary>
public sealed record RecordingResult(string File, string EndedBy);
