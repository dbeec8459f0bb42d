using System.Reflection;
using System.Text.RegularExpressions;

namespace BotPbx.Data.Migrations;

/// <summary>
/// Finds every embedded <c>Migrations/NNNN_name.sql</c> in the given assemblies. Features own number ranges
/// (docs/development.md), so any project can ship its own migrations by embedding them.
/// </summary>
public static partial class MigrationDiscovery
{
    // MSBuild names an embedded Migrations/0001_initial.sql "<RootNamespace>.Migrations.0001_initial.sql".
    [GeneratedRegex(@"(?:^|\.)Migrations\.(?<number>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceName();

    public static IReadOnlyList<Migration> FromAssemblies(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var migrations = new List<Migration>();
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var resource in assembly.GetManifestResourceNames())
            {
                var match = ResourceName().Match(resource);
                if (!match.Success) continue;
                using var stream = assembly.GetManifestResourceStream(resource)
                    ?? throw new InvalidOperationException($"Embedded migration {resource} cannot be read.");
                using var reader = new StreamReader(stream);
                var number = int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
                migrations.Add(new Migration(number, $"{match.Groups["number"].Value}_{match.Groups["name"].Value}", reader.ReadToEnd()));
            }
        }
        return Order(migrations);
    }

    /// <summary>Sorts by number and refuses two migrations with the same number (two features claiming one slot).</summary>
    public static IReadOnlyList<Migration> Order(IEnumerable<Migration> migrations)
    {
        var ordered = migrations.OrderBy(m => m.Number).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Number == ordered[i - 1].Number)
            {
                throw new MigrationException(
                    $"Two migrations share the number {ordered[i].Number:D4}: {ordered[i - 1].Name} and {ordered[i].Name}.");
            }
        }
        return ordered;
    }
}
