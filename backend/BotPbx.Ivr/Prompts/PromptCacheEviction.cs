namespace BotPbx.Ivr.Prompts;

/// <summary>
/// Least-recently-used trimming of the prompt directory. "Used" is the file's modification time: synthesis writes it and
/// each cache hit sets it again (access times are unreliable under relatime/noatime mounts). Only finished prompts —
/// 64 lower-case hex digits + <c>.wav</c> — are counted or removed; temporary files of running syntheses are not.
/// A prompt removed while Asterisk plays it keeps playing (an open file survives its unlink on Linux).
/// </summary>
internal static class PromptCacheEviction
{
    private static readonly Lock Gate = new();

    /// <summary>Marks a prompt used now; false when it vanished (evicted) meanwhile, so the caller synthesizes it again.</summary>
    public static bool MarkUsed(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            // Another process touching it at the same moment: the file is there, which is what matters.
            return File.Exists(path);
        }
        catch (UnauthorizedAccessException)
        {
            return File.Exists(path);
        }
    }

    /// <summary>Removes the least recently used prompts until at most <paramref name="maxEntries"/> files and <paramref name="maxBytes"/> bytes remain.</summary>
    /// <returns>How many prompts were removed.</returns>
    public static int Trim(string directory, int maxEntries, long maxBytes, string? keep = null)
    {
        lock (Gate)
        {
            var prompts = new DirectoryInfo(directory).EnumerateFiles("*.wav")
                .Where(f => IsPromptName(f.Name))
                .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
                .ToList();
            var count = prompts.Count;
            var bytes = prompts.Sum(f => f.Length);
            var removed = 0;
            foreach (var file in prompts)
            {
                if (count <= maxEntries && bytes <= maxBytes) break;
                if (keep is not null && string.Equals(file.FullName, Path.GetFullPath(keep), StringComparison.Ordinal)) continue;
                var length = file.Length;
                try
                {
                    file.Delete();
                }
                catch (IOException)
                {
                    continue;
                }
                removed++;
                count--;
                bytes -= length;
            }
            return removed;
        }
    }

    private static bool IsPromptName(string name) =>
        name.Length == 68 && name.EndsWith(".wav", StringComparison.Ordinal) && !name.AsSpan(0, 64).ContainsAnyExcept(LowerHex);

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
}
