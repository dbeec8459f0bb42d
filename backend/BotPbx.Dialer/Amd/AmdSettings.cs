using System.Globalization;

namespace BotPbx.Dialer.Amd;

/// <summary>
/// Seed 003's AMD settings, one for one with Asterisk's AMD() arguments (app_amd.c, in this order):
/// initialSilence, greeting, afterGreetingSilence, totalAnalysisTime, minimumWordLength, betweenWordsSilence,
/// maximumNumberOfWords, silenceThreshold, maximumWordLength. Times in milliseconds.
/// </summary>
public sealed record AmdSettings
{
    public bool Enabled { get; init; } = true;
    public int InitialSilence { get; init; } = 2500;
    public int Greeting { get; init; } = 1500;
    public int AfterGreetingSilence { get; init; } = 800;
    public int TotalAnalysisTime { get; init; } = 5000;
    public int MinWordLength { get; init; } = 100;
    public int BetweenWordsSilence { get; init; } = 50;
    public int MaximumWords { get; init; } = 3;
    public int SilenceThreshold { get; init; } = 256;
    public int MaximumWordLength { get; init; } = 5000;

    /// <summary>(field, min, max, value): the ranges the API enforces; app_amd.c accepts any int, these are the sane ones.</summary>
    public IEnumerable<(string Field, int Min, int Max, int Value)> Ranges()
    {
        yield return ("initialSilence", 500, 10_000, InitialSilence);
        yield return ("greeting", 500, 10_000, Greeting);
        yield return ("afterGreetingSilence", 100, 5_000, AfterGreetingSilence);
        yield return ("totalAnalysisTime", 1_000, 30_000, TotalAnalysisTime);
        yield return ("minWordLength", 10, 1_000, MinWordLength);
        yield return ("betweenWordsSilence", 10, 1_000, BetweenWordsSilence);
        yield return ("maximumWords", 1, 20, MaximumWords);
        yield return ("silenceThreshold", 1, 32_767, SilenceThreshold);
        yield return ("maximumWordLength", 100, 10_000, MaximumWordLength);
    }

    /// <summary>AMD()'s arguments in order, as digits (each an int already range-checked).</summary>
    public IReadOnlyList<string> Arguments() => new[]
    {
        InitialSilence, Greeting, AfterGreetingSilence, TotalAnalysisTime, MinWordLength, BetweenWordsSilence,
        MaximumWords, SilenceThreshold, MaximumWordLength,
    }.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList();
}
