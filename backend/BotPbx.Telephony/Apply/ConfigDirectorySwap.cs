using System.Text;
using BotPbx.Telephony.Rendering;

namespace BotPbx.Telephony.Apply;

/// <summary>
/// File-system half of an apply: stage the new generation beside the live directory, check it, swap it in by
/// renaming (same parent, so each rename is atomic), and put the previous generation back on failure.
/// </summary>
internal sealed class ConfigDirectorySwap(ApplyOptions options)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private string Live => options.ConfigDirectory.TrimEnd('/');

    private string Parent => Path.GetDirectoryName(Live) ?? throw new InvalidOperationException("config directory has no parent");

    /// <summary>Files whose bytes differ from (or are missing in) the live directory.</summary>
    public async Task<IReadOnlyList<string>> ChangedFilesAsync(RenderedConfiguration rendered, CancellationToken cancellationToken)
    {
        var changed = new List<string>();
        foreach (var (name, text) in rendered.Files)
        {
            var path = Path.Combine(Live, name);
            if (!File.Exists(path) || await File.ReadAllTextAsync(path, Utf8, cancellationToken).ConfigureAwait(false) != text)
                changed.Add(name);
        }
        return changed;
    }

    /// <summary>Writes the generation to a staging directory and reads it back: a short disk or permission problem fails here, before anything live changes.</summary>
    public async Task<string> StageAsync(RenderedConfiguration rendered, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Parent);
        var staging = Path.Combine(Parent, ".botpbx-staging-" + Guid.NewGuid().ToString("N"));
        try
        {
            await ConfigRenderer.WriteAsync(rendered, staging, cancellationToken).ConfigureAwait(false);
            foreach (var (name, text) in rendered.Files)
            {
                var back = await File.ReadAllTextAsync(Path.Combine(staging, name), Utf8, cancellationToken).ConfigureAwait(false);
                if (back != text || !back.StartsWith(ConfFile.HeaderLine, StringComparison.Ordinal))
                    throw new IOException($"staged {name} did not read back as written");
            }
            return staging;
        }
        catch
        {
            DeleteQuietly(staging);
            throw;
        }
    }

    /// <summary>live → backup (replacing the older backup), staging → live.</summary>
    public void SwapIn(string staging)
    {
        DeleteQuietly(options.BackupDirectory);
        var hadLive = Directory.Exists(Live);
        if (hadLive) Directory.Move(Live, options.BackupDirectory);
        try
        {
            Directory.Move(staging, Live);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Never leave Asterisk without its directory: put the old one back before reporting.
            if (hadLive) Directory.Move(options.BackupDirectory, Live);
            DeleteQuietly(staging);
            throw;
        }
    }

    /// <summary>Puts the backup back as live; the failed generation is removed.</summary>
    public void Restore()
    {
        if (!Directory.Exists(options.BackupDirectory)) return;
        var failed = Path.Combine(Parent, ".botpbx-failed-" + Guid.NewGuid().ToString("N"));
        if (Directory.Exists(Live)) Directory.Move(Live, failed);
        Directory.Move(options.BackupDirectory, Live);
        DeleteQuietly(failed);
    }

    public static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover staging directory is harmless: Asterisk only reads the live one.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
