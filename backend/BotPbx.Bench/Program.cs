using System.Reflection;
using BotPbx.Bench;

// Benchmarks print figures; nothing here asserts a timing. Usage: BotPbx.Bench [suite ...] (no argument = all),
// or BotPbx.Bench kit-ami|kit-agi|kit-audiosocket --port P [...] as a subject of ../shared/peer-bench.
if (KitSubjects.TryRun(args) is { } kit) return await kit;

var suites = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

if (args.Contains("--list"))
{
    foreach (var s in suites) Console.WriteLine($"{s.Name,-16} {s.Description}");
    return 0;
}

var selected = args.Length == 0 ? suites : suites.Where(s => args.Contains(s.Name, StringComparer.OrdinalIgnoreCase)).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"unknown suite; known: {string.Join(", ", suites.Select(s => s.Name))}");
    return 2;
}

Console.WriteLine($"BotPbx.Bench {Assembly.GetExecutingAssembly().GetName().Version} on {Environment.ProcessorCount} cores, " +
                  $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
foreach (var suite in selected)
{
    Console.WriteLine();
    Console.WriteLine($"== {suite.Name}: {suite.Description}");
    using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
    await suite.RunAsync(Console.Out, cts.Token);
}
return 0;
