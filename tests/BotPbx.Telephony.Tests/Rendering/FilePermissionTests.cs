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
    public void With_an_asterisk_group_the_files_are_restricted_only_once_the_group_owns_them()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "pjsip.conf");
        File.WriteAllText(file, "[1001]\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var groups = Path.Combine(_root, "group");
        // Group 0 stands in for "asterisk": root may hand a file to it; anyone else may not.
        File.WriteAllLines(groups, ["asterisk:x:0:"]);

        ConfigFilePermissions.Restrict(_root, [file], groups);

        var expected = Environment.UserName == "root"
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead
            // Not handed to Asterisk's group: locking others out would lock Asterisk out too, so the file stays readable.
            : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        Assert.Equal(expected, File.GetUnixFileMode(file));
    }
}
