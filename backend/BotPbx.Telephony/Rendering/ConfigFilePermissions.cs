using System.Runtime.InteropServices;

namespace BotPbx.Telephony.Rendering;

/// <summary>
/// The generated files hold SIP, AMI and ARI secrets, so they are never readable by other users, not even for an
/// instant: the directory is created 0700 and each file 0600 by the creating system call itself (mkdir/open with that
/// mode — the umask can only remove bits), so nothing is ever world-readable and later tightened. Only then are they
/// handed to group <c>asterisk</c> (when that group exists: Debian/Ubuntu packages and most source installs run Asterisk
/// as that user) and opened to it: files 0640, directory 0750. When the group exists but the files cannot be handed to
/// it, <see cref="Restrict(string, IEnumerable{string}, string)"/> throws and the files are still 0600/0700: the apply
/// fails before anything live changes, rather than leave secrets readable or swap in files Asterisk cannot read.
/// Without such a group Asterisk runs as root or as BotPBX's own user and reads them either way.
/// </summary>
public static class ConfigFilePermissions
{
    public const string AsteriskGroup = "asterisk";

    /// <summary>While being written and until the group is set: the owner only.</summary>
    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = PrivateFileMode | UnixFileMode.GroupRead;

    public const UnixFileMode DirectoryMode = PrivateDirectoryMode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    /// <summary>Creates <paramref name="directory"/> as 0700 (an existing one is closed to 0700 before use).</summary>
    public static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }
        Directory.CreateDirectory(directory, PrivateDirectoryMode);
        // CreateDirectory leaves an existing directory's mode alone.
        File.SetUnixFileMode(directory, PrivateDirectoryMode);
    }

    /// <summary>A new file created 0600 by open(2) itself; an existing file is removed first, never reused with its old mode.</summary>
    public static FileStream CreatePrivateFile(string path)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = PrivateFileMode;
        return new FileStream(path, options);
    }

    /// <summary>Hands the files to Asterisk's group (when it exists), then opens them to that group.</summary>
    /// <exception cref="UnauthorizedAccessException">The group exists but the files could not be handed to it; they stay 0600/0700.</exception>
    public static void Restrict(string directory, IEnumerable<string> files, string groupFile = "/etc/group") =>
        Restrict(directory, files, groupFile, (path, gid) => NativeMethods.chown(path, -1, gid) == 0);

    internal static void Restrict(string directory, IEnumerable<string> files, string groupFile, Func<string, int, bool> changeGroup)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(changeGroup);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        var paths = files.Prepend(directory).ToList();
        if (GroupId(groupFile, AsteriskGroup) is { } gid && paths.FirstOrDefault(path => !changeGroup(path, gid)) is { } failed)
        {
            throw new UnauthorizedAccessException(
                $"cannot give {failed} to group {AsteriskGroup} (gid {gid}); the generated files stay readable by their owner only. " +
                $"Run BotPBX as a member of group {AsteriskGroup}.");
        }
        foreach (var file in paths.Skip(1)) File.SetUnixFileMode(file, FileMode);
        File.SetUnixFileMode(directory, DirectoryMode);
    }

    /// <summary>The group's id from an /etc/group-format file (<c>name:password:gid:members</c>), or null.</summary>
    public static int? GroupId(string groupFile, string name)
    {
        if (!File.Exists(groupFile)) return null;
        foreach (var line in File.ReadLines(groupFile))
        {
            var fields = line.Split(':');
            if (fields.Length >= 3 && fields[0] == name && int.TryParse(fields[2], System.Globalization.CultureInfo.InvariantCulture, out var gid))
            {
                return gid;
            }
        }
        return null;
    }

    private static class NativeMethods
    {
        // chown(2) with owner -1 changes only the group; .NET has no managed API for a file's group.
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int chown(string path, int owner, int group);
    }
}
