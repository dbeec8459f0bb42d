using System.Runtime.InteropServices;

namespace BotPbx.Telephony.Rendering;

/// <summary>
/// The generated files hold SIP, AMI and ARI secrets, so they are not world-readable: files 0640 and their directory
/// 0750, group <c>asterisk</c> when that group exists (Debian/Ubuntu packages and most source installs run Asterisk as
/// that user). Without such a group Asterisk runs as root or as BotPBX's own user and reads them either way. When the
/// group exists but the files cannot be handed to it, they stay readable rather than lock Asterisk out of its config.
/// </summary>
public static class ConfigFilePermissions
{
    public const string AsteriskGroup = "asterisk";

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    public static void Restrict(string directory, IEnumerable<string> files, string groupFile = "/etc/group")
    {
        ArgumentNullException.ThrowIfNull(files);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        var paths = files.Prepend(directory).ToList();
        if (GroupId(groupFile, AsteriskGroup) is { } gid && !paths.TrueForAll(path => NativeMethods.chown(path, -1, gid) == 0))
        {
            return;
        }
        File.SetUnixFileMode(directory, DirectoryMode);
        foreach (var file in paths.Skip(1)) File.SetUnixFileMode(file, FileMode);
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
