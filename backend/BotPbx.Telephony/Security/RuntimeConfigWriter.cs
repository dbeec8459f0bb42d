using System.Runtime.InteropServices;
using System.Text;
using BotPbx.Telephony.Rendering;

namespace BotPbx.Telephony.Security;

/// <summary>
/// Writes a generated file that changes while BotPBX runs (the SIP ban list) atomically and never readable by others,
/// not even for an instant: the folder is created 0750 and the file 0640 from the start (a temp file in the same
/// folder, flushed, then renamed over the old one), group <c>asterisk</c> when that group exists, like botpbx/.
/// Asterisk therefore reads either the old list or the new one, never half of one.
/// </summary>
public static class RuntimeConfigWriter
{
    private const UnixFileMode FilePermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    /// <returns>False when the file already held exactly <paramref name="text"/> (nothing was written).</returns>
    public static async Task<bool> WriteAsync(string path, string text, CancellationToken cancellationToken, string groupFile = "/etc/group")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new UTF8Encoding(false).GetBytes(text);
        if (File.Exists(path) && (await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
        {
            if (!OperatingSystem.IsWindows()) Directory.CreateDirectory(directory, DirectoryMode);
            else Directory.CreateDirectory(directory);
            GiveToAsteriskGroup(directory, groupFile);
        }
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FilePermissions;
            await using (var stream = new FileStream(temp, options))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            GiveToAsteriskGroup(temp, groupFile);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return true;
    }

    private static void GiveToAsteriskGroup(string path, string groupFile)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        // Best effort: without the group (or the right to give files to it) Asterisk runs as root or as BotPBX's user.
        if (ConfigFilePermissions.GroupId(groupFile, ConfigFilePermissions.AsteriskGroup) is { } gid) _ = NativeMethods.chown(path, -1, gid);
    }

    private static class NativeMethods
    {
        // chown(2) with owner -1 changes only the group; .NET has no managed API for a file's group.
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int chown(string path, int owner, int group);
    }
}
