using System.Buffers;
using System.Text;
using BotPbx.Asterisk.Agi;

namespace BotPbx.Asterisk.Tests.Agi;

/// <summary>An in-memory channel: records each command and answers with a reply line parsed by the real parser.</summary>
internal sealed class FakeAgiChannel(Func<string, string> reply) : IAgiChannel
{
    public List<string> Commands { get; } = [];

    public List<TimeSpan> Timeouts { get; } = [];

    public AgiRequest Request { get; } = new(new Dictionary<string, string> { ["agi_network_script"] = "test" });

    public IReadOnlyDictionary<string, string> RouteValues { get; } = new Dictionary<string, string>();

    public CancellationToken Hangup => CancellationToken.None;

    public bool IsHungUp => false;

    public Task<AgiReply> SendCommandAsync(string command, CancellationToken cancellationToken) =>
        SendCommandAsync(command, TimeSpan.FromSeconds(30), cancellationToken);

    public Task<AgiReply> SendCommandAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        AgiCommandText.Encode(command);
        Commands.Add(command);
        Timeouts.Add(timeout);
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(reply(command) + "\n"));
        Assert.True(AgiReplyParser.TryParse(ref buffer, 8192, out var message));
        return Task.FromResult(message.Reply!);
    }
}
