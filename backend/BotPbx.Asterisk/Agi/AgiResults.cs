namespace BotPbx.Asterisk.Agi;

/// <summary>
/// The outcome of a command that listens for one DTMF digit (WAIT FOR DIGIT, SAY DIGITS/NUMBER). Asterisk reports the
/// digit as its ASCII code (<c>result=53</c> is '5'), 0 for none, and -1 when the channel failed or hung up.
/// </summary>
public readonly record struct AgiDigitResult(char? Digit, bool Failed)
{
    /// <summary>No digit was pressed (the timeout passed or the prompt played to its end).</summary>
    public bool NoDigit => !Failed && Digit is null;
}

/// <summary>
/// STREAM FILE / CONTROL STREAM FILE: the digit that interrupted playback, if any, and the sample position reached.
/// A missing file is <c>result=-1 endpos=0</c>; a hang-up during playback is -1 with the position reached.
/// </summary>
public readonly record struct AgiPlaybackResult(char? Digit, bool Failed, long EndPosition);

/// <summary>
/// GET DATA: the digits collected (<c>result=1234</c>), and whether input ended by timeout
/// (<c>result=42 (timeout)</c>, or <c>result= (timeout)</c> with no digits). -1 means the channel failed or hung up.
/// </summary>
public readonly record struct AgiGetDataResult(string Digits, bool TimedOut, bool Failed);

/// <summary>Why RECORD FILE stopped (the word in parentheses of its reply).</summary>
public enum AgiRecordEnd
{
    /// <summary>An escape digit was pressed: <c>result=&lt;ascii&gt; (dtmf)</c>.</summary>
    Digit,

    /// <summary>The maximum duration or the silence limit was reached: <c>result=0 (timeout)</c>.</summary>
    Timeout,

    /// <summary>The caller hung up: <c>result=-1 (hangup)</c>.</summary>
    Hangup,

    /// <summary>The file could not be written or another error happened (<c>writefile</c>, <c>randomerror</c>).</summary>
    Error,
}

/// <summary>RECORD FILE: why it stopped, the escape digit if one was pressed, and the length in samples.</summary>
public readonly record struct AgiRecordResult(AgiRecordEnd End, char? Digit, long EndPosition);

/// <summary>The optional keys and offset of CONTROL STREAM FILE; Asterisk's defaults are '#' forward and '*' rewind.</summary>
public sealed record AgiControlStreamOptions
{
    public TimeSpan Skip { get; init; } = TimeSpan.FromSeconds(3);

    public string ForwardDigit { get; init; } = "#";

    public string RewindDigit { get; init; } = "*";

    /// <summary>The digit that pauses and resumes playback; empty for none.</summary>
    public string PauseDigit { get; init; } = "";

    public TimeSpan Offset { get; init; } = TimeSpan.Zero;
}

/// <summary>The optional parts of RECORD FILE.</summary>
public sealed record AgiRecordOptions
{
    /// <summary>Play a beep before recording.</summary>
    public bool Beep { get; init; }

    /// <summary>Stop after this much silence; null records until the maximum duration or an escape digit.</summary>
    public TimeSpan? MaxSilence { get; init; }
}
