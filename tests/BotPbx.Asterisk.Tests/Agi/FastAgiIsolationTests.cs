using System.Text;
using BotPbx.Asterisk.Agi;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Agi;

/// <summary>A misbehaving peer loses its own connection and nothing else: a healthy call runs across every failure.</summary>
public sealed class FastAgiIsolationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_garbage_reply_closes_that_connection_only()
    {
        await using var calls = await HealthyCallAlongside.StartAsync(handlerForOthers: async (channel, token) =>
            await channel.AnswerAsync(token));
        await using var bad = new ScriptedAgiPeer(new() { Script = "other" }).OnCommand(_ => "this is not FastAGI");

        await bad.ConnectAsync(calls.Server.EndPoint, None);
        await bad.Completion.WaitAsync(TestAgiServer.Patience);

        await calls.FinishHealthyCallAsync();
        Assert.True(calls.Server.Logged(FastAgiLogLevel.Warning, e => e.Exception is AgiProtocolException));
    }

    [Fact]
    public async Task An_oversized_reply_line_closes_that_connection_only()
    {
        await using var calls = await HealthyCallAlongside.StartAsync(handlerForOthers: async (channel, token) =>
            await channel.GetVariableAsync("HUGE", token), maxLineLength: 1024);
        await using var bad = new ScriptedAgiPeer(new() { Script = "other" })
            .OnCommand(_ => "200 result=1 (" + new string('x', 5000) + ")");

        await bad.ConnectAsync(calls.Server.EndPoint, None);
        await bad.Completion.WaitAsync(TestAgiServer.Patience);

        await calls.FinishHealthyCallAsync();
        Assert.True(calls.Server.Logged(FastAgiLogLevel.Warning, e => e.Exception is AgiProtocolException));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: pbx\r\n\r\n")]
    [InlineData("\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003\n\n")]
    public async Task A_peer_that_does_not_speak_FastAGI_is_closed_before_any_handler_runs(string garbage)
    {
        await using var calls = await HealthyCallAlongside.StartAsync(handlerForOthers: (_, _) =>
            throw new InvalidOperationException("no handler may run for garbage"));
        await using var bad = new ScriptedAgiPeer();

        await bad.ConnectAsync(calls.Server.EndPoint, Encoding.Latin1.GetBytes(garbage), None);
        await bad.Completion.WaitAsync(TestAgiServer.Patience);

        await calls.FinishHealthyCallAsync();
        Assert.Empty(bad.Commands);
        Assert.False(calls.Server.Logged(FastAgiLogLevel.Error, _ => true));
    }

    [Fact]
    public async Task An_endless_environment_line_is_cut_off_at_the_limit()
    {
        await using var calls = await HealthyCallAlongside.StartAsync(handlerForOthers: (_, _) => Task.CompletedTask, maxLineLength: 1024);
        await using var bad = new ScriptedAgiPeer();

        await bad.ConnectAsync(calls.Server.EndPoint, Encoding.ASCII.GetBytes("agi_network_script: " + new string('a', 4096)), None);
        await bad.Completion.WaitAsync(TestAgiServer.Patience);

        await calls.FinishHealthyCallAsync();
        Assert.True(calls.Server.Logged(FastAgiLogLevel.Warning, e => e.Exception is AgiProtocolException));
    }

    [Fact]
    public async Task A_peer_that_never_finishes_its_environment_is_closed_after_the_environment_timeout()
    {
        await using var calls = await HealthyCallAlongside.StartAsync(handlerForOthers: (_, _) => Task.CompletedTask,
            environmentTimeout: TimeSpan.FromSeconds(1));
        await using var slow = new ScriptedAgiPeer();

        await slow.ConnectAsync(calls.Server.EndPoint, "agi_network: yes\nagi_network_scr"u8.ToArray(), None);
        await slow.Completion.WaitAsync(TestAgiServer.Patience);

        await calls.FinishHealthyCallAsync();
        Assert.True(calls.Server.Logged(FastAgiLogLevel.Warning, e => e.Message.Contains("environment", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_peer_that_disconnects_mid_command_fails_only_its_own_command()
    {
        var outcome = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var calls = await HealthyCallAlongside.StartAsync(handlerForOthers: async (channel, token) =>
        {
            try
            {
                await channel.StreamFileAsync("demo-congrats", "", token);
                outcome.SetResult(null);
            }
            catch (Exception e)
            {
                outcome.SetResult(e);
            }
        });
        ScriptedAgiPeer? self = null;
        await using var vanishing = self = new ScriptedAgiPeer(new() { Script = "other" }).OnCommand(_ =>
        {
            self!.Abort();
            return null;
        });

        await vanishing.ConnectAsync(calls.Server.EndPoint, None);
        var error = await outcome.Task.WaitAsync(TestAgiServer.Patience);

        await calls.FinishHealthyCallAsync();
        Assert.IsAssignableFrom<Exception>(error);
        Assert.True(error is AgiConnectionClosedException or OperationCanceledException, error.GetType().Name);
    }

    [Fact]
    public async Task A_path_without_a_handler_is_closed_cleanly()
    {
        await using var server = await TestAgiServer.StartAsync(new AgiRouter().Map("ivr/{id}", (_, _) => Task.CompletedTask));
        await using var lost = new ScriptedAgiPeer(new() { Script = "no/such/flow" });

        await lost.ConnectAsync(server.EndPoint, None);
        await lost.Completion.WaitAsync(TestAgiServer.Patience);

        Assert.Empty(lost.Commands);
        Assert.True(server.Logged(FastAgiLogLevel.Warning, e => e.Message.Contains("no/such/flow", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_connection_above_the_session_limit_is_refused_at_once()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new AgiRouter().Map("test", async (_, token) =>
        {
            started.SetResult();
            await release.Task.WaitAsync(token);
        });
        await using var server = await TestAgiServer.StartAsync(router, o => o.MaxConcurrentSessions = 1);
        await using var first = new ScriptedAgiPeer();
        await using var second = new ScriptedAgiPeer();

        await first.ConnectAsync(server.EndPoint, None);
        await started.Task.WaitAsync(TestAgiServer.Patience);
        await second.ConnectAsync(server.EndPoint, None);
        await second.Completion.WaitAsync(TestAgiServer.Patience);
        release.SetResult();
        await first.Completion.WaitAsync(TestAgiServer.Patience);

        Assert.True(server.Logged(FastAgiLogLevel.Warning, e => e.Message.Contains("refusing", StringComparison.Ordinal)));
    }
}
