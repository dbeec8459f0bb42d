using System.Runtime.CompilerServices;
using System.Text.Json;

namespace BotPbx.Asterisk.Tests;

/// <summary>One socket read or write of a recorded Asterisk 22 exchange (see the fixtures' README).</summary>
internal sealed record FixtureChunk(int TimeMs, bool FromAsterisk, byte[] Bytes, bool Eof);

/// <summary>
/// Loads the recorded captures copied next to the tests (Agi/Fixtures, AudioSocket/Fixtures) from
/// /work/shared/fixtures/asterisk-22; they are found relative to the calling source file, so no copy step is needed.
/// </summary>
internal static class FixtureRecording
{
    public static IReadOnlyList<FixtureChunk> Load(string relativePath, [CallerFilePath] string callerFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, relativePath);
        var chunks = new List<FixtureChunk>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            chunks.Add(new FixtureChunk(
                root.GetProperty("t_ms").GetInt32(),
                root.GetProperty("dir").GetString() == "from_asterisk",
                Convert.FromBase64String(root.GetProperty("b64").GetString()!),
                root.TryGetProperty("eof", out var eof) && eof.GetBoolean()));
        }
        return chunks;
    }

    /// <summary>Everything Asterisk sent, joined: the byte stream a parser sees regardless of chunking.</summary>
    public static byte[] FromAsterisk(IEnumerable<FixtureChunk> chunks) =>
        [.. chunks.Where(c => c.FromAsterisk && !c.Eof).SelectMany(c => c.Bytes)];
}
