using System.Diagnostics;
using System.Text.RegularExpressions;

namespace BotPbx.Api.Features.Telephony.MohClasses;

/// <summary>
/// Stores uploaded hold music in the class's directory. With sox installed every upload is converted to 8 kHz mono
/// 16-bit WAV (what Asterisk plays without transcoding); without it only files Asterisk can already play are kept.
/// </summary>
public sealed partial class MohAudio
{
    public const long MaxBytes = 50L * 1024 * 1024;

    private static readonly string[] PlayableAsIs = [".wav", ".ulaw", ".alaw", ".gsm", ".sln"];
    private static readonly string[] SoxInputs = [".wav", ".mp3", ".ogg", ".flac", ".aiff", ".au", ".ulaw", ".alaw", ".gsm"];

    public static string? SoxPath { get; } = new[] { "/usr/bin/sox", "/usr/local/bin/sox" }.FirstOrDefault(File.Exists);

    /// <summary>A file name safe on disk and in Asterisk: lower-case letters, digits, _ and -.</summary>
    public static string? SafeBaseName(string uploaded)
    {
        var name = UnsafeChars().Replace(Path.GetFileNameWithoutExtension(uploaded).ToLowerInvariant(), "-").Trim('-');
        return name.Length is 0 ? null : name[..Math.Min(name.Length, 64)];
    }

    /// <returns>The stored file's name, or an error message for the user.</returns>
    public static async Task<(string? File, string? Error)> StoreAsync(IFormFile upload, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var extension = Path.GetExtension(upload.FileName).ToLowerInvariant();
        if (SafeBaseName(upload.FileName) is not { } baseName) return (null, "the file name has no usable characters");
        if (upload.Length is 0 or > MaxBytes) return (null, $"must be between 1 byte and {MaxBytes / 1048576} MB");
        var accepted = SoxPath is null ? PlayableAsIs : SoxInputs;
        if (!accepted.Contains(extension)) return (null, "must be one of " + string.Join(", ", accepted) + (SoxPath is null ? " (sox is not installed)" : ""));

        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, ".upload-" + Guid.NewGuid().ToString("N") + extension);
        try
        {
            await using (var stream = File.Create(temp)) await upload.CopyToAsync(stream, cancellationToken);
            if (SoxPath is null)
            {
                var target = baseName + extension;
                File.Move(temp, Path.Combine(directory, target), overwrite: true);
                return (target, null);
            }
            var output = baseName + ".wav";
            var error = await ConvertAsync(temp, Path.Combine(directory, output), cancellationToken);
            return error is null ? (output, null) : (null, error);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static IReadOnlyList<string> List(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory).Select(f => Path.GetFileName(f)).Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToList()
            : [];

    private static async Task<string?> ConvertAsync(string input, string output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(SoxPath!) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { input, "-r", "8000", "-c", "1", "-b", "16", output }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return process.ExitCode == 0 ? null : "sox could not convert the file: " + (await stderr).Trim();
    }

    [GeneratedRegex("[^a-z0-9_-]+", RegexOptions.CultureInvariant)]
    private static partial Regex UnsafeChars();
}
