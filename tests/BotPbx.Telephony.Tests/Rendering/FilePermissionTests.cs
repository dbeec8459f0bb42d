using BotPbx.Telephony.Rendering;

namespace BotPbx.Telephony.Tests.Rendering;

/// <summary>The generated files carry SIP, AMI and ARI secrets: nobody but their owner and Asterisk's group reads them.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FilePermissionTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "botpbx-perm-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Written_files_are_not_readable_by_other_users()
    {
        var rendered = ConfigRenderer.Render(OfficeFixture.Build(), OfficeFixture.Options);

        await ConfigRenderer.WriteAsync(rendered, _root, CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute,
            File.GetUnixFileMode(_root));
        foreach (var file in Directory.GetFiles(_root))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(file));
        }
        Assert.Contains("secret=", await File.ReadAllTextAsync(Path.Combine(_root, "manager.conf")));
    }

    [Fact]
    public void The_asterisk_group_is_read_from_an_etc_group_file()
    {
        Directory.CreateDirectory(_root);
        var groups = Path.Combine(_root, "group");
        File.WriteAllLines(groups, ["root:x:0:", "asterisk:x:116:", "audio:x:29:asterisk", "broken-line"]);

        Assert.Equal(116, ConfigFilePermissions.GroupId(groups, "asterisk"));
        Assert.Null(ConfigFilePermissions.GroupId(groups, "nobody-here"));
        Assert.Null(ConfigFilePermissions.GroupId(Path.Combine(_root, "missing"), "asterisk"));
    }

    [Fact]
    public void With_an_asterisk_group_the_files_are_opened_to_it_only_once_the_group_owns_them()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "pjsip.conf");
        using (var stream = ConfigFilePermissions.CreatePrivateFile(file)) stream.WriteByte((byte)'[');
        var groups = Path.Combine(_root, "group");
        File.WriteAllLines(groups, ["asterisk:x:4242:"]);
        var handedOver = new List<(string, int)>();

        ConfigFilePermissions.Restrict(_root, [file], groups, (path, gid) => { handedOver.Add((path, gid)); return true; });

        Assert.Equal([(_root, 4242), (file, 4242)], handedOver);
        Assert.Equal(ConfigFilePermissions.FileMode, File.GetUnixFileMode(file));
        Assert.Equal(ConfigFilePermissions.DirectoryMode, File.GetUnixFileMode(_root));
    }

    [Fact]
    public void A_failed_chown_leaves_the_files_readable_by_their_owner_only_and_fails_the_write()
    {
        ConfigFilePermissions.CreatePrivateDirectory(_root);
        var file = Path.Combine(_root, "pjsip.conf");
        using (var stream = ConfigFilePermissions.CreatePrivateFile(file)) stream.WriteByte((byte)'[');
        var groups = Path.Combine(_root, "group");
        File.WriteAllLines(groups, ["asterisk:x:4242:"]);
        File.SetUnixFileMode(groups, ConfigFilePermissions.PrivateFileMode);

        var error = Assert.Throws<UnauthorizedAccessException>(() =>
            ConfigFilePermissions.Restrict(_root, [file], groups, (path, _) => path != file));

        Assert.Contains("asterisk", error.Message, StringComparison.Ordinal);
        Assert.Equal(ConfigFilePermissions.PrivateFileMode, File.GetUnixFileMode(file));
        Assert.Equal(ConfigFilePermissions.PrivateDirectoryMode, File.GetUnixFileMode(_root));
    }

    [Fact]
    public async Task Files_are_created_owner_only_even_with_a_permissive_umask()
    {
        // umask 000: a plain mkdir/creat would give 0777/0666. The modes must come from the creating call itself.
        var previous = NativeMethods.umask(0);
        try
        {
            ConfigFilePermissions.CreatePrivateDirectory(_root);
            Assert.Equal(ConfigFilePermissions.PrivateDirectoryMode, File.GetUnixFileMode(_root));
            var file = Path.Combine(_root, "manager.conf");
            using (var stream = ConfigFilePermissions.CreatePrivateFile(file))
            {
                // Still open, nothing tightened yet: already owner-only.
                Assert.Equal(ConfigFilePermissions.PrivateFileMode, File.GetUnixFileMode(file));
            }
        }
        finally
        {
            _ = NativeMethods.umask(previous);
        }
        // A directory and file that already exist, world-readable, are closed before anything is written into them.
        var existing = Path.Combine(_root, "again");
        Directory.CreateDirectory(existing);
        File.SetUnixFileMode(existing, (UnixFileMode)0b111_111_111);
        File.WriteAllText(Path.Combine(existing, "pjsip.conf"), "old");
        File.SetUnixFileMode(Path.Combine(existing, "pjsip.conf"), (UnixFileMode)0b110_110_110);
        var rendered = ConfigRenderer.Render(OfficeFixture.Build(), OfficeFixture.Options);
        await ConfigRenderer.WriteAsync(rendered, existing, Path.Combine(_root, "no-group-file"), CancellationToken.None);
        Assert.Equal(ConfigFilePermissions.DirectoryMode, File.GetUnixFileMode(existing));
        Assert.All(Directory.GetFiles(existing), f => Assert.Equal(ConfigFilePermissions.FileMode, File.GetUnixFileMode(f)));
    }

    private static class NativeMethods
    {
        [System.Runtime.InteropServices.DllImport("libc")]
        [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
        internal static extern uint umask(uint mask);
    }
}
