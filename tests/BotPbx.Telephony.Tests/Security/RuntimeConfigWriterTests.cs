using BotPbx.Telephony.Security;

namespace BotPbx.Telephony.Tests.Security;

public sealed class RuntimeConfigWriterTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "botpbx-runtime-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task The_file_and_its_folder_are_created_private_and_replaced_whole()
    {
        var path = Path.Combine(_root, "botpbx-runtime", "pjsip_bans.conf");

        Assert.True(await RuntimeConfigWriter.WriteAsync(path, "first\n", CancellationToken.None, groupFile: "/nonexistent"));
        Assert.True(await RuntimeConfigWriter.WriteAsync(path, "second\n", CancellationToken.None, groupFile: "/nonexistent"));

        Assert.Equal("second\n", await File.ReadAllTextAsync(path));
        Assert.Equal(["pjsip_bans.conf"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute,
                File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        }
    }

    [Fact]
    public async Task The_same_text_is_not_written_again()
    {
        var path = Path.Combine(_root, "pjsip_bans.conf");
        Assert.True(await RuntimeConfigWriter.WriteAsync(path, "same\n", CancellationToken.None, groupFile: "/nonexistent"));
        var written = File.GetLastWriteTimeUtc(path);
        await Task.Delay(20);
        Assert.False(await RuntimeConfigWriter.WriteAsync(path, "same\n", CancellationToken.None, groupFile: "/nonexistent"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }
}
