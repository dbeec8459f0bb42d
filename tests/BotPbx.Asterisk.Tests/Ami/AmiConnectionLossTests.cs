using System.Text;
using BotPbx.Asterisk.Ami;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>Sockets die, peers misbehave, Asterisk restarts: the client recovers by itself and says what happened.</summary>
public sealed class AmiConnectionLossTests
{
    [Fact]
    public async Task A_peer_that_disconnects_mid_action_fails_every_pending_action_as_transient_and_the_client_reconnects()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        harness.Server.Handler = request => request.IsAction("Slow") ? [] : request.IsAction("Die") ? [FakeAmiReplies.CloseConnection] : null;

        var waiting = harness.Client.SendActionAsync(new AmiAction("Slow"), TimeSpan.FromMinutes(1), harness.Timeout);
        var dying = harness.Client.SendActionAsync(new AmiAction("Die"), TimeSpan.FromMinutes(1), harness.Timeout);

        var first = await Assert.ThrowsAsync<AmiConnectionException>(() => waiting);
        var second = await Assert.ThrowsAsync<AmiConnectionException>(() => dying);
        Assert.True(first.IsTransient);
        Assert.True(second.IsTransient);

        await harness.Server.WaitForLoginsAsync(2, harness.Timeout);
        await harness.WaitForStatusAsync(s => s.State == AmiConnectionState.Connected && s.Reconnects == 1);
        await harness.Client.PingAsync(harness.Timeout);
        Assert.Contains("closed", harness.Client.Status.LastError!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_that_is_not_AMI_is_logged_and_skipped_and_the_connection_carries_on()
    {
        var log = new System.Collections.Concurrent.ConcurrentQueue<AmiLogEntry>();
        await using var harness = await AmiTestHarness.ConnectedAsync(configure: o => o.Log = log.Enqueue);
        using var subscription = harness.Client.Subscribe(e => e.Is("UserEvent"));
        harness.Server.Handler = request => request.IsAction("Slow") ? [] : null;
        var pending = harness.Client.SendActionAsync(new AmiAction("Slow"), TimeSpan.FromMinutes(1), harness.Timeout);

        await harness.Server.PushBytesAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n\r\n"), harness.Timeout);
        await harness.Server.PushEventAsync(FakeAmiReplies.Event("UserEvent", ("UserEvent", "AfterGarbage")), harness.Timeout);

        var received = await NextAsync(subscription, e => e.Is("UserEvent"), harness.Timeout);
        Assert.Equal("AfterGarbage", received["UserEvent"]);
        await harness.Client.PingAsync(harness.Timeout);
        Assert.False(pending.IsCompleted);
        Assert.Equal(AmiConnectionState.Connected, harness.Client.Status.State);
        Assert.Equal(0, harness.Client.Status.Reconnects);
        Assert.Equal(1, harness.Server.ConnectionCount);
        var warning = Assert.Single(log, e => e.Level == AmiLogLevel.Warning);
        Assert.Contains("HTTP/1.1 200 OK", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_no_contacts_reply_with_its_bare_LF_answers_the_action_and_keeps_the_connection()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        // Asterisk 22.10.1, PJSIPShowContacts with no contacts (issue 8): "Message: No Contacts found\n\r\n\r\n".
        harness.Server.Handler = request => request.IsAction("PJSIPShowContacts")
            ? [$"Response: Error\r\nActionID: {request.ActionId}\r\nMessage: No Contacts found\n\r\n\r\n"]
            : null;

        var response = await harness.Client.SendActionAsync(new AmiAction("PJSIPShowContacts"), null, harness.Timeout);

        Assert.False(response.IsSuccess);
        Assert.Equal("No Contacts found", response.Message);
        await harness.Client.PingAsync(harness.Timeout);
        Assert.Equal(0, harness.Client.Status.Reconnects);
        Assert.Equal(1, harness.Server.ConnectionCount);
    }

    [Fact]
    public async Task Asked_as_an_event_list_the_no_contacts_reply_is_an_empty_list_as_the_trunk_test_needs()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        harness.Server.Handler = request => request.IsAction("PJSIPShowContacts")
            ? [$"Response: Error\r\nActionID: {request.ActionId}\r\nMessage: No Contacts found\n\r\n\r\n"]
            : null;

        var contacts = await harness.Client.SendEventListAsync(new AmiAction("PJSIPShowContacts"), null, harness.Timeout);

        Assert.Empty(contacts.Items);
        Assert.Null(contacts.Complete);
        Assert.Equal("No Contacts found", contacts.Response.Message);
        await harness.Client.PingAsync(harness.Timeout);
        Assert.Equal(0, harness.Client.Status.Reconnects);
    }

    [Fact]
    public async Task An_oversized_message_is_a_protocol_error_naming_the_limit_and_the_client_reconnects()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync(configure: o => o.MaxMessageSize = 1024);
        harness.Server.Handler = request => [FakeAmiReplies.CommandOutput(request, [.. Enumerable.Repeat(new string('x', 100), 20)])];

        var error = await Assert.ThrowsAsync<AmiConnectionException>(() => harness.Client.CommandAsync("core show help", harness.Timeout));

        Assert.Contains("MaxMessageSize", error.InnerException!.Message, StringComparison.Ordinal);
        await harness.WaitForStatusAsync(s => s.State == AmiConnectionState.Connected && s.Reconnects == 1);
    }

    [Fact]
    public async Task An_Asterisk_restart_is_seen_as_Shutdown_then_a_new_login_and_a_late_FullyBooted()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        using var subscription = harness.Client.Subscribe(e => e.Is("Shutdown") || e.Is("FullyBooted"));
        var connectedSince = harness.Client.Status.Since;

        // Fixture ami-restart-*: Shutdown, EOF, the port refuses for ~0.4 s, then accepts before boot completes.
        await harness.Server.RestartAsync(TimeSpan.FromMilliseconds(400), harness.Timeout);

        var lost = await harness.WaitForStatusAsync(s => s.State == AmiConnectionState.Reconnecting);
        Assert.Contains("Restart: True", lost.LastError!.Message, StringComparison.Ordinal);
        // The listener stops before the old socket closes, so the first attempt is refused.
        var refused = await harness.WaitForStatusAsync(s => s.State == AmiConnectionState.Reconnecting && s.LastError!.Message.StartsWith("cannot connect", StringComparison.Ordinal));
        var back = await harness.WaitForStatusAsync(s => s.State == AmiConnectionState.Connected && s.Reconnects == 1);
        Assert.True(back.Since > connectedSince);
        Assert.True(refused.LastErrorAt > lost.LastErrorAt);
        var states = harness.States.SkipWhile(s => s != AmiConnectionState.Connected).Skip(1).ToList();
        Assert.Equal(AmiConnectionState.Reconnecting, states[0]);
        Assert.Equal(AmiConnectionState.Connected, states[^1]);
        Assert.Contains(AmiConnectionState.Authenticating, states);
        Assert.True(harness.Server.ConnectionCount >= 2);

        var shutdown = await NextAsync(subscription, e => e.Is("Shutdown"), harness.Timeout);
        Assert.True(Assert.IsType<ShutdownEvent>(shutdown.ToTyped()).IsRestart);
        var booted = await NextAsync(subscription, e => e.Is("FullyBooted") && e.GetInt32("Uptime") == 0, harness.Timeout);
        Assert.Equal("Status", booted.Fields[2].Key);
        await harness.Client.PingAsync(harness.Timeout);
    }

    [Fact]
    public async Task Reload_and_FullyBooted_events_never_end_the_session()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();

        await harness.Server.PushEventAsync(FakeAmiReplies.Event("Reload", ("Privilege", "system,all"), ("Module", "res_pjsip.so"), ("Status", "0")), harness.Timeout);
        await harness.Server.PushEventAsync(FakeAmiReplies.Event("FullyBooted", ("Privilege", "system,all"), ("Status", "Fully Booted"), ("Uptime", "0"), ("LastReload", "0")), harness.Timeout);
        await harness.Client.PingAsync(harness.Timeout);

        Assert.Equal(AmiConnectionState.Connected, harness.Client.Status.State);
        Assert.Equal(0, harness.Client.Status.Reconnects);
        Assert.Equal(1, harness.Server.ConnectionCount);
    }

    [Fact]
    public async Task A_peer_that_stops_answering_Ping_is_declared_dead_and_replaced()
    {
        var answerPings = true;
        await using var harness = await AmiTestHarness.ConnectedAsync(configure: o =>
        {
            o.PingInterval = TimeSpan.FromMilliseconds(50);
            o.ActionTimeout = TimeSpan.FromMilliseconds(200);
        });
        harness.Server.Handler = request => request.IsAction("Ping") && !Volatile.Read(ref answerPings) ? [] : null;
        Volatile.Write(ref answerPings, false);

        var dead = await harness.WaitForStatusAsync(s => s.State == AmiConnectionState.Reconnecting);
        Volatile.Write(ref answerPings, true);

        Assert.Contains("keep-alive", dead.LastError!.Message, StringComparison.Ordinal);
        await harness.WaitForStatusAsync(s => s.State == AmiConnectionState.Connected && s.Reconnects >= 1);
    }

    [Fact]
    public async Task Disposing_logs_off_and_stops_for_good()
    {
        var harness = await AmiTestHarness.ConnectedAsync();
        await harness.Client.DisposeAsync();

        Assert.Equal(AmiConnectionState.Stopped, harness.Client.Status.State);
        Assert.Contains(harness.Server.Requests, r => r.IsAction("Logoff"));
        await Assert.ThrowsAsync<AmiConnectionException>(() => harness.Client.PingAsync(CancellationToken.None));
        await harness.DisposeAsync();
    }

    private static AmiOptions OptionsWithEventsOff(FakeAmiServer server)
    {
        var options = AmiTestHarness.Options(server);
        options.Events = "off";
        return options;
    }

    private static async Task<AmiEvent> NextAsync(AmiEventSubscription subscription, Func<AmiEvent, bool> match, CancellationToken cancellationToken)
    {
        await foreach (var amiEvent in subscription.ReadAllAsync(cancellationToken))
        {
            if (match(amiEvent)) return amiEvent;
        }
        throw new InvalidOperationException("subscription completed");
    }
}
