using BotPbx.Asterisk.Agi;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Agi;

/// <summary>One session's life: routing, hang-up in the middle of a command, cancellation, timeouts, the close.</summary>
public sealed class FastAgiSessionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_route_values_path_query_and_arguments_reach_the_handler()
    {
        var seen = new TaskCompletionSource<IAgiChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new AgiRouter().Map("ivr/{flow}", (channel, _) =>
        {
            seen.SetResult(channel);
            return Task.CompletedTask;
        });
        await using var server = await TestAgiServer.StartAsync(router);
        await using var peer = new ScriptedAgiPeer(new ScriptedAgiPeerCall
        {
            Script = "ivr/flow?id=42&lang=en",
            Arguments = ["arg1", "arg two"],
            CallerIdNumber = "5551234",
        });

        await peer.ConnectAsync(server.EndPoint, None);
        var channel = await seen.Task.WaitAsync(TestAgiServer.Patience);
        await peer.Completion.WaitAsync(TestAgiServer.Patience);

        Assert.Equal("flow", channel.RouteValues["flow"]);
        Assert.Equal("ivr/flow?id=42&lang=en", channel.Request.Script);
        Assert.Equal("42", channel.Request.Query["id"]);
        Assert.Equal(["arg1", "arg two"], channel.Request.Arguments);
        Assert.Equal("5551234", channel.Request.CallerIdNumber);
        Assert.Empty(peer.Commands);
    }

    [Fact]
    public async Task A_HANGUP_in_the_middle_of_a_command_cancels_the_handler_and_ends_the_session_cleanly()
    {
        var outcome = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new AgiRouter().Map("test", async (channel, token) =>
        {
            try
            {
                await channel.GetDataAsync("beep", TimeSpan.FromSeconds(5), 4, token);
            }
            catch (Exception e)
            {
                outcome.SetResult(e);
                throw;
            }
        });
        await using var server = await TestAgiServer.StartAsync(router);
        ScriptedAgiPeer? self = null;
        await using var peer = self = new ScriptedAgiPeer().OnCommand(async (_, token) =>
        {
            await self!.SendHangupAsync(token);
            return null;
        });

        await peer.ConnectAsync(server.EndPoint, None);
        await peer.Completion.WaitAsync(TestAgiServer.Patience);

        Assert.IsAssignableFrom<OperationCanceledException>(await outcome.Task);
        Assert.DoesNotContain(server.Log, e => e.Level >= FastAgiLogLevel.Warning);
    }

    [Fact]
    public async Task A_command_the_handler_stopped_waiting_for_keeps_its_place_and_its_late_reply_is_dropped()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outcome = new TaskCompletionSource<(bool Cancelled, bool Answered)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new AgiRouter().Map("test", async (channel, _) =>
        {
            using var impatient = new CancellationTokenSource();
            var getData = channel.GetDataAsync("beep", TimeSpan.FromSeconds(5), 4, impatient.Token);
            await impatient.CancelAsync();
            var cancelled = await getData.ContinueWith(t => t.IsCanceled, TaskScheduler.Default);
            release.SetResult();
            outcome.SetResult((cancelled, await channel.AnswerAsync(None)));
        });
        await using var server = await TestAgiServer.StartAsync(router);
        await using var peer = new ScriptedAgiPeer().OnCommand(async (command, token) =>
        {
            if (!command.StartsWith("GET DATA", StringComparison.Ordinal)) return "200 result=0";
            await release.Task.WaitAsync(token);
            return "200 result=1234";
        });

        await peer.ConnectAsync(server.EndPoint, None);
        await peer.Completion.WaitAsync(TestAgiServer.Patience);

        Assert.Equal((true, true), await outcome.Task);
        Assert.Equal(["GET DATA \"beep\" 5000 4", "ANSWER"], peer.Commands);
    }

    [Fact]
    public async Task A_command_without_a_reply_times_out_and_closes_the_session()
    {
        var outcome = new TaskCompletionSource<(Exception? First, Exception? Next)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new AgiRouter().Map("test", async (channel, _) =>
        {
            var first = await Catch(() => channel.SendCommandAsync("ANSWER", TimeSpan.FromMilliseconds(100), None));
            // The session is closed: nothing more can be sent.
            var next = await Catch(() => channel.SendCommandAsync("VERBOSE \"x\" 1", None));
            outcome.SetResult((first, next));
        });
        await using var server = await TestAgiServer.StartAsync(router);
        await using var peer = new ScriptedAgiPeer().OnCommand(_ => null);

        await peer.ConnectAsync(server.EndPoint, None);
        await peer.Completion.WaitAsync(TestAgiServer.Patience);

        var (firstError, nextError) = await outcome.Task;
        Assert.IsType<AgiCommandTimeoutException>(firstError);
        Assert.IsType<AgiConnectionClosedException>(nextError);
        Assert.Equal(["ANSWER"], peer.Commands);
    }

    [Fact]
    public async Task Replies_ending_in_crlf_are_accepted()
    {
        var outcome = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new AgiRouter().Map("test", async (channel, token) =>
            outcome.SetResult(await channel.GetVariableAsync("CHANNEL", token)));
        await using var server = await TestAgiServer.StartAsync(router);
        await using var peer = new ScriptedAgiPeer().OnCommand(_ => "200 result=1 (PJSIP/1001-00000014)\r");

        await peer.ConnectAsync(server.EndPoint, None);
        await peer.Completion.WaitAsync(TestAgiServer.Patience);

        Assert.Equal("PJSIP/1001-00000014", await outcome.Task);
    }

    [Fact]
    public async Task A_handler_that_throws_is_logged_and_the_call_goes_back_to_the_dialplan()
    {
        var router = new AgiRouter().Map("test", (_, _) => throw new InvalidOperationException("flow is broken"));
        await using var server = await TestAgiServer.StartAsync(router);
        await using var peer = new ScriptedAgiPeer();

        await peer.ConnectAsync(server.EndPoint, None);
        await peer.Completion.WaitAsync(TestAgiServer.Patience);

        Assert.True(server.Logged(FastAgiLogLevel.Error, e => e.Exception?.Message == "flow is broken"));
    }

    [Fact]
    public async Task Stopping_the_server_cancels_running_handlers_and_waits_for_them()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = 0;
        var router = new AgiRouter().Map("test", async (_, token) =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                Interlocked.Increment(ref finished);
            }
        });
        await using var server = await TestAgiServer.StartAsync(router);
        await using var peer = new ScriptedAgiPeer();
        await peer.ConnectAsync(server.EndPoint, None);
        await started.Task.WaitAsync(TestAgiServer.Patience);

        await server.Server.StopAsync(None).WaitAsync(TestAgiServer.Patience);

        Assert.Equal(1, finished);
        Assert.Equal(0, server.Server.ActiveSessions);
        await peer.Completion.WaitAsync(TestAgiServer.Patience);
    }

    [Fact]
    public async Task A_caller_gone_before_the_first_command_is_seen_at_once_and_the_channel_still_answers()
    {
        var outcome = new TaskCompletionSource<(bool HungUp, string? Channel)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new AgiRouter().Map("test", async (channel, token) =>
        {
            await FastAgiReplayTests.WaitUntilAsync(() => token.IsCancellationRequested);
            outcome.SetResult((channel.IsHungUp, await channel.GetVariableAsync("CHANNEL", None)));
        });
        await using var server = await TestAgiServer.StartAsync(router);
        await using var peer = new ScriptedAgiPeer().OnCommand(_ => "200 result=1 (PJSIP/1001-00000014)");
        var environment = new ScriptedAgiPeerCall().ToEnvironment("127.0.0.1", server.EndPoint.Port);

        // The environment and the HANGUP line in one write: the HANGUP must not wait in the buffer.
        await peer.ConnectAsync(server.EndPoint, System.Text.Encoding.ASCII.GetBytes(environment + "HANGUP\n"), None);
        await peer.Completion.WaitAsync(TestAgiServer.Patience);

        Assert.Equal((true, "PJSIP/1001-00000014"), await outcome.Task);
    }

    [Fact]
    public async Task A_reply_nobody_asked_for_is_a_protocol_error()
    {
        var outcome = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new AgiRouter().Map("test", async (channel, token) =>
        {
            await FastAgiReplayTests.WaitUntilAsync(() => channel.IsHungUp);
            outcome.SetResult(await Catch(() => channel.AnswerAsync(None)));
        });
        await using var server = await TestAgiServer.StartAsync(router);
        await using var peer = new ScriptedAgiPeer();
        await peer.ConnectAsync(server.EndPoint, None);

        await peer.SendRawAsync("200 result=0\n"u8.ToArray(), None);
        await peer.Completion.WaitAsync(TestAgiServer.Patience);

        Assert.IsType<AgiConnectionClosedException>(await outcome.Task.WaitAsync(TestAgiServer.Patience));
        Assert.True(server.Logged(FastAgiLogLevel.Warning, e => e.Exception is AgiProtocolException));
    }

    private static async Task<Exception?> Catch(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
