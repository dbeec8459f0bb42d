using System.Globalization;
using System.Runtime.InteropServices;

namespace BotPbx.Bench;

/// <summary>
/// The subjects of ../shared/peer-bench (its custom-subject contract, <c>'botpbx|COMMAND'</c>): each plays one kit test
/// through BotPbx.Asterisk's public API exactly as the product uses it, with the product's default options.
/// <c>BotPbx.Bench kit-ami --port P --events N</c>, <c>kit-agi --port P</c>, <c>kit-audiosocket --port P</c>.
/// </summary>
internal static class KitSubjects
{
    private static readonly Dictionary<string, Func<KitArguments, CancellationToken, Task<int>>> Subjects = new(StringComparer.Ordinal)
    {
        ["kit-ami"] = KitAmiClient.RunAsync,
        ["kit-agi"] = KitAgiServer.RunAsync,
        ["kit-audiosocket"] = KitAudioSocketEcho.RunAsync,
        ["kit-ami-parse"] = KitAmiParseCount.RunAsync,
    };

    /// <summary>Runs the subject named by the first argument; null when it names none (then the suites run).</summary>
    public static Task<int>? TryRun(string[] args)
    {
        if (args.Length == 0 || !Subjects.TryGetValue(args[0], out var run)) return null;
        return RunAsync(run, new KitArguments(args[1..]));
    }

    private static async Task<int> RunAsync(Func<KitArguments, CancellationToken, Task<int>> run, KitArguments arguments)
    {
        // The kit stops servers with SIGTERM and reads the RESULT line they print on the way out.
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        return await run(arguments, stop.Token).ConfigureAwait(false);
    }
}

/// <summary><c>--name value</c> pairs.</summary>
internal sealed class KitArguments(string[] args)
{
    public int Int(string name, int fallback)
    {
        var index = Array.IndexOf(args, "--" + name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
