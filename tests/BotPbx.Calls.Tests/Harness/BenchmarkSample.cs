namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// How many calls a benchmark in this suite measures (and how many strings the dial-string fuzz tries). `./test.sh`
/// runs each with a small sample: it proves the measured path works and prints a figure, in a run that must stay
/// under 25 minutes. The figures in docs/benchmarks.md and docs/security.md come from the full sample:
/// BOTPBX_BENCH_FULL=1.
/// </summary>
public static class BenchmarkSample
{
    public const string EnvironmentVariable = "BOTPBX_BENCH_FULL";

    public static bool Full => Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    public static int Calls(int full, int quick) => Full ? full : quick;
}
