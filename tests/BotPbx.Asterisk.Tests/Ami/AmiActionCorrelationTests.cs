using System.Globalization;
using BotPbx.Asterisk.Ami;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ami;

public sealed class AmiActionCorrelationTests
{
    [Fact]
    public async Task Hundreds_of_concurrent_actions_each_get_their_own_answer_even_out_of_order()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        var server = harness.Server;
        server.Handler = request =>
        {
            if (!request.IsAction("Echo")) return null;
            var reply = FakeAmiReplies.Success(request, ("Echo", request["Value"]!));
            if (int.Parse(request["Value"]!, CultureInfo.InvariantCulture) % 2 == 0) return [reply];
            // Odd ones are answered later, after answers to actions sent after them.
            _ = Task.Run(async () =>
            {
                await Task.Yield();
                await server.PushEventAsync(reply, CancellationToken.None);
            });
            return [];
        };

        var calls = Enumerable.Range(0, 400).Select(async i =>
        {
            var value = i.ToString(CultureInfo.InvariantCulture);
            var response = await harness.Client.SendActionAsync(new AmiAction("Echo").Add("Value", value), null, harness.Timeout);
            return (value, echoed: response["Echo"]);
        });
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.Equal(r.value, r.echoed));
        var ids = server.Requests.Where(r => r.IsAction("Echo")).Select(r => r.ActionId).ToList();
        Assert.Equal(400, ids.Distinct().Count());
    }

    [Fact]
    public async Task An_action_without_an_answer_times_out_with_a_TimeoutException_not_a_cancellation()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        harness.Server.Handler = request => request.IsAction("Silent") ? [] : null;

        var error = await Assert.ThrowsAsync<AmiTimeoutException>(() =>
            harness.Client.SendActionAsync(new AmiAction("Silent"), TimeSpan.FromMilliseconds(100), harness.Timeout));

        Assert.IsAssignableFrom<TimeoutException>(error);
        Assert.Equal("Silent", error.Action);
        Assert.StartsWith("botpbx-", error.ActionId, StringComparison.Ordinal);
        // The connection is fine afterwards.
        await harness.Client.PingAsync(harness.Timeout);
        Assert.Equal(AmiConnectionState.Connected, harness.Client.Status.State);
    }

    [Fact]
    public async Task Cancelling_the_caller_token_is_an_OperationCanceledException()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        harness.Server.Handler = request => request.IsAction("Silent") ? [] : null;
        using var caller = new CancellationTokenSource();

        var call = harness.Client.SendActionAsync(new AmiAction("Silent"), TimeSpan.FromMinutes(5), caller.Token);
        await caller.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(caller.Token, error.CancellationToken);
    }

    [Fact]
    public async Task An_error_answer_is_returned_as_is_and_EnsureSuccess_turns_it_into_an_AmiActionException()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        var action = new AmiAction("NoSuchAction");

        var response = await harness.Client.SendActionAsync(action, null, harness.Timeout);

        Assert.False(response.IsSuccess);
        var error = Assert.Throws<AmiActionException>(() => response.EnsureSuccess(action));
        Assert.False(error.IsTransient);
        Assert.Equal(response.ActionId, error.ActionId);
        Assert.StartsWith("Invalid/unknown command", error.AsteriskMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actions_before_the_first_login_fail_at_once_as_transient()
    {
        await using var client = new AmiClient(new AmiOptions { Username = "botpbx", Port = 1 });

        var error = await Assert.ThrowsAsync<AmiConnectionException>(() => client.PingAsync(CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Contains("NotStarted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_with_a_line_break_never_reaches_the_wire()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        var before = harness.Server.Requests.Count;

        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Client.SetVarAsync("PJSIP/1001-00000001", "X", "1\r\nAction: Originate", harness.Timeout));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Client.HangupAsync("PJSIP/1001\nAction: Command", harness.Timeout));

        await harness.Client.PingAsync(harness.Timeout);
        Assert.Equal(before + 1, harness.Server.Requests.Count);
    }
}
