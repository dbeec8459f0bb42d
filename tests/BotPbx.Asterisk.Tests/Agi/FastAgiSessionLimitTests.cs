using System.Net.Sockets;
using System.Text;
using BotPbx.Asterisk.Agi;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Agi;

/// <summary>
/// The session limit counts calls, not sockets (issue 13), and a command nobody answers cannot hold a session for
/// ever (issue 9): both release the slot so the next call is served.
/// </summary>
public sealed class FastAgiSessionLimitTests
{
    [Fact]
    public async Task A_finished_call_stops_counting_while_its_socket_still_waits_for_Asterisks_last_HANGUP()
    {
        var router = new AgiRouter().Map("test", (channel, token) => channel.AnswerAsync(token));
        // One session allowed, and a long close wait so the first socket lingers for the whole test.
        await using var server = await TestAgiServer.StartAsync(router, o =>
        {
            o.MaxConcurrentSessions = 1;
            o.CloseTimeout = TimeSpan.FromSeconds(30);
        });
        using var lingering = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await lingering.ConnectAsync(server.EndPoint);
        await lingering.SendAsync(Encoding.ASCII.GetBytes(new ScriptedAgiPeerCall().ToEnvironment("127.0.0.1", server.EndPoint.Port)));
        Assert.Equal("ANSWER\n", await ReadUntilAsync(lingering, "\n"));
        await lingering.SendAsync("200 result=0\n"u8.ToArray());
        // The server half-closes once the handler is done; this "Asterisk" never sends its HANGUP nor closes.
        Assert.Equal(string.Empty, await ReadUntilAsync(lingering, null));

        Assert.Equal(0, server.Server.ActiveSessions);
        await using var next = new ScriptedAgiPeer();
        await next.ConnectAsync(server.EndPoint, CancellationToken.None);
        await next.Completion.WaitAsync(TestAgiServer.Patience);
        Assert.Equal(["ANSWER"], next.Commands);
        Assert.False(server.Logged(FastAgiLogLevel.Warning, e => e.Message.Contains("refusing", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_command_sent_without_a_timeout_that_is_never_answered_ends_that_session_after_the_long_bound()
    {
        var failure = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new AgiRouter().Map("test", async (channel, token) =>
        {
            try
            {
                await channel.ExecAsync("Dial", "PJSIP/1002,30", token);
            }
            catch (Exception e)
            {
                failure.TrySetResult(e);
            }
        });
        await using var server = await TestAgiServer.StartAsync(router, o =>
        {
            o.CommandTimeout = TimeSpan.FromMilliseconds(100);
            o.LongCommandTimeout = TimeSpan.FromMilliseconds(300);
        });
        // Asterisk "forgets" the channel: the EXEC gets no reply and nothing else comes either.
        await using var silent = new ScriptedAgiPeer().OnCommand(_ => null);
        await using var healthy = new ScriptedAgiPeer(new ScriptedAgiPeerCall { Script = "test" });

        await silent.ConnectAsync(server.EndPoint, CancellationToken.None);
        Assert.IsType<AgiCommandTimeoutException>(await failure.Task.WaitAsync(TestAgiServer.Patience));
        await silent.Completion.WaitAsync(TestAgiServer.Patience);

        Assert.Equal(["EXEC Dial \"PJSIP/1002,30\""], silent.Commands);
        await healthy.ConnectAsync(server.EndPoint, CancellationToken.None);
        await healthy.Completion.WaitAsync(TestAgiServer.Patience);
        Assert.Single(healthy.Commands);
    }

    /// <summary>Reads until <paramref name="end"/> appears, or until EOF when it is null.</summary>
    private static async Task<string> ReadUntilAsync(Socket socket, string? end)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        using var patience = new CancellationTokenSource(TestAgiServer.Patience);
        while (end is null || !text.ToString().Contains(end, StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, patience.Token);
            if (read == 0) break;
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return text.ToString();
    }
}
