using BotPbx.Asterisk.Agi;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Agi;

/// <summary>Each recorded Asterisk 22 session replayed over a real loopback socket, byte for byte from the capture.</summary>
public sealed class FastAgiReplayTests
{
    [Theory]
    [MemberData(nameof(AgiReplyParserTests.Captures), MemberType = typeof(AgiReplyParserTests))]
    public async Task A_recorded_session_round_trips_every_command_and_reply(string capture)
    {
        var script = AgiFixtureScript.Load(capture);
        var replies = new List<AgiReply>();
        var seen = new TaskCompletionSource<AgiRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new AgiRouter().Map("{*script}", async (channel, _) =>
        {
            seen.SetResult(channel.Request);
            // Like the recorder, keep going after a hang-up: Asterisk still answers (200 or 511) on a dead channel.
            foreach (var exchange in script.Exchanges)
            {
                replies.Add(await channel.SendCommandAsync(exchange.Command, CancellationToken.None));
            }
        });
        await using var server = await TestAgiServer.StartAsync(router);
        var next = 0;
        await using var peer = new ScriptedAgiPeer().OnCommand(command =>
        {
            var exchange = script.Exchanges[next++];
            Assert.Equal(exchange.Command, command);
            return exchange.Reply.TrimEnd('\n');
        });

        await peer.ConnectAsync(server.EndPoint, script.Environment, CancellationToken.None);
        await peer.Completion.WaitAsync(TestAgiServer.Patience);

        var request = await seen.Task;
        Assert.Equal(script.Exchanges.Select(e => e.Command), peer.Commands);
        Assert.Equal(script.Exchanges.Count, replies.Count);
        Assert.Equal(script.Exchanges.Select(e => e.Reply.StartsWith("520-", StringComparison.Ordinal) ? 520 : int.Parse(e.Reply[..3])),
                     replies.Select(r => r.Status));
        Assert.NotEmpty(request.Channel);
        Assert.DoesNotContain(server.Log, e => e.Level >= FastAgiLogLevel.Warning);
    }

    [Fact]
    public async Task After_the_caller_hangs_up_the_session_is_hung_up_but_still_answers()
    {
        var script = AgiFixtureScript.Load("fastagi-sip-601-caller-hangs-up-during-stream");
        var outcome = new TaskCompletionSource<(bool BeforeStream, bool AfterStream, string? Channel, Type? StreamError, bool Cancelled)>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new AgiRouter().Map("test", async (channel, token) =>
        {
            var none = CancellationToken.None;
            await channel.AnswerAsync(none);
            var before = channel.IsHungUp;
            var playback = await channel.StreamFileAsync("demo-congrats", "", none);
            Assert.True(playback.Failed);
            await WaitUntilAsync(() => channel.IsHungUp);
            var name = await channel.GetVariableAsync("CHANNEL", none);
            var error = await Record(() => channel.StreamFileAsync("beep", "", none));
            await channel.VerboseAsync("after hangup", 1, none);
            await channel.HangupAsync(none);
            outcome.SetResult((before, channel.IsHungUp, name, error, token.IsCancellationRequested));
        });
        await using var server = await TestAgiServer.StartAsync(router);
        var next = 0;
        await using var peer = new ScriptedAgiPeer().OnCommand(_ => script.Exchanges[next++].Reply.TrimEnd('\n'));

        await peer.ConnectAsync(server.EndPoint, script.Environment, CancellationToken.None);
        await peer.Completion.WaitAsync(TestAgiServer.Patience);

        var (beforeStream, afterStream, channelName, streamError, cancelled) = await outcome.Task;
        Assert.False(beforeStream);
        Assert.True(afterStream);
        Assert.Equal("PJSIP/1001-00000016", channelName);
        Assert.Equal(typeof(AgiDeadChannelException), streamError);
        Assert.True(cancelled);
    }

    private static async Task<Type?> Record(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e)
        {
            return e.GetType();
        }
    }

    /// <summary>Waits for a condition set by the read loop; bounded, and never asserts how long it took.</summary>
    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var patience = new CancellationTokenSource(TestAgiServer.Patience);
        while (!condition()) await Task.Delay(5, patience.Token);
    }
}
