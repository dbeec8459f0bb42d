namespace BotPbx.Ivr.Runtime;

/// <summary>
/// <see cref="IIvrChannel.GetDigitsAsync"/> built from play-file and wait-for-digit, for channels whose own
/// "get data" cannot take a terminator other than '#' (AGI's GET DATA has '#' fixed).
/// </summary>
public static class DigitCollector
{
    public const string AllDigits = "0123456789*#";

    public static async Task<DigitInput> CollectAsync(
        IIvrChannel channel, string? promptFile, TimeSpan timeout, int maxDigits, char? terminator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDigits, 1);
        var digits = new System.Text.StringBuilder();
        char? pending = promptFile is null ? null : await channel.PlayFileAsync(promptFile, AllDigits, cancellationToken).ConfigureAwait(false);
        while (digits.Length < maxDigits)
        {
            var digit = pending ?? await channel.WaitForDigitAsync(timeout, cancellationToken).ConfigureAwait(false);
            pending = null;
            if (digit is null) return new DigitInput(digits.ToString(), TimedOut: true, Terminated: false);
            if (terminator is { } end && digit == end) return new DigitInput(digits.ToString(), TimedOut: false, Terminated: true);
            digits.Append(digit.Value);
        }
        return new DigitInput(digits.ToString(), TimedOut: false, Terminated: false);
    }
}
