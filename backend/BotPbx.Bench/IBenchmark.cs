namespace BotPbx.Bench;

/// <summary>One benchmark suite. Each feature adds its own file; Program discovers them by reflection.</summary>
public interface IBenchmark
{
    /// <summary>Short name used on the command line, e.g. "ami".</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Runs the suite and prints figures to <paramref name="output"/>. Loops are bounded; traffic stays on loopback.</summary>
    Task RunAsync(TextWriter output, CancellationToken cancellationToken);
}
