using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Tests.Runtime;

/// <summary>Asterisk's RECORD FILE makes no folders: the messages folder must exist before a recordMessage node runs.</summary>
public sealed class MessagesFolderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "botpbx-messages-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void A_missing_folder_is_made_with_its_parents()
    {
        var folder = Path.Combine(_root, "spool", "botpbx", "ivr");

        Assert.Null(MessagesFolder.Ensure(folder));

        Assert.True(Directory.Exists(folder));
    }

    [Fact]
    public void An_existing_folder_and_its_messages_are_left_as_they_are()
    {
        Directory.CreateDirectory(_root);
        var message = Path.Combine(_root, "1795239477.1-rec-20261207.wav");
        File.WriteAllText(message, "RIFF");

        Assert.Null(MessagesFolder.Ensure(_root));

        Assert.Equal("RIFF", File.ReadAllText(message));
    }

    [Fact]
    public void A_folder_that_cannot_be_made_is_reported_not_thrown()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "not-a-folder");
        File.WriteAllText(file, "");

        var reason = MessagesFolder.Ensure(Path.Combine(file, "ivr"));

        Assert.False(string.IsNullOrEmpty(reason));
    }
}
