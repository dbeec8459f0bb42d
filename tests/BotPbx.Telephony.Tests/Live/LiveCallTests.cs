using BotPbx.Telephony.Live;

namespace BotPbx.Telephony.Tests.Live;

public sealed class LiveCallTests
{
    [Fact]
    public void A_call_from_1001_to_1002_is_one_call_that_starts_is_answered_by_1002_and_ends_answered()
    {
        var replay = new LiveModelReplay().Play(RecordedAmi.Events("ami-events-call-1001-to-1002"));

        var started = Assert.Single(replay.Of<CallStarted>());
        Assert.Equal("1795239815.26", started.Call.CallId);
        Assert.Equal("1001", started.Call.From);
        Assert.Equal("Test 1001", started.Call.FromName);
        Assert.Equal("1002", started.Call.To);
        Assert.Equal("internal", started.Call.Direction);
        Assert.Equal("ringing", started.Call.State);

        var answered = Assert.Single(replay.Of<CallAnswered>());
        Assert.Equal("1002", answered.Call.AnsweredBy);
        Assert.Equal("answered", answered.Call.State);
        Assert.Equal(["1001", "1002"], answered.Call.Extensions);

        var ended = Assert.Single(replay.Of<CallEnded>());
        Assert.Equal("1795239815.26", ended.Call.CallId);
        Assert.Equal("ANSWERED", ended.Disposition);
        Assert.True(ended.DurationSeconds > 0);
        // The ended call still names its parties: call.end reaches the agents of those extensions.
        Assert.Equal(["1001", "1002"], ended.Call.Extensions);
        Assert.Empty(replay.Model.Calls());
        Assert.Empty(replay.Model.Channels());
    }

    [Fact]
    public void While_the_call_is_up_both_legs_are_channels_of_the_call_in_one_bridge()
    {
        var events = RecordedAmi.Events("ami-events-call-1001-to-1002");
        var bothBridged = events.Select((e, i) => (e, i)).Where(x => x.e.Is("BridgeEnter")).Last().i;
        var replay = new LiveModelReplay().Play(events.Take(bothBridged + 1));

        var call = Assert.Single(replay.Model.Calls());
        Assert.Equal(2, call.Channels.Count);
        Assert.Equal("PJSIP/1001-0000000a", call.Channels[0].Channel);
        Assert.All(call.Channels, c => Assert.Equal("Up", c.State));
        Assert.Single(call.Channels.Select(c => c.BridgeId).Distinct());
        Assert.NotNull(call.Channels[0].BridgeId);
    }

    [Fact]
    public void A_blind_transfer_keeps_the_call_and_reports_who_transferred_it_where()
    {
        var replay = new LiveModelReplay().Play(RecordedAmi.Events("ami-events-blind-transfer"));

        var transfer = Assert.Single(replay.Of<CallTransferred>());
        Assert.Equal("1795239858.35", transfer.Call.CallId);
        Assert.Equal("1002", transfer.From);
        Assert.Equal("600", transfer.To);
        Assert.Equal("blind", transfer.Type);
        Assert.Single(replay.Of<CallStarted>());
        Assert.Single(replay.Of<CallEnded>());
    }

    [Fact]
    public void A_caller_who_waits_in_a_queue_shows_in_it_until_an_agent_answers()
    {
        var events = RecordedAmi.Events("ami-events-queue-605-answered-by-1002");
        var joined = events.Select((e, i) => (e, i)).First(x => x.e.Is("QueueCallerJoin")).i;
        var replay = new LiveModelReplay().Play(events.Take(joined + 1));

        var queue = Assert.Single(replay.Model.Queues());
        Assert.Equal("support", queue.Queue);
        Assert.Equal("Support", queue.Name);
        var caller = Assert.Single(queue.Callers);
        Assert.Equal("1001", caller.CallerIdNum);
        Assert.Equal(1, caller.Position);
        Assert.Equal("support", Assert.Single(replay.Model.Calls()).Queue);
        Assert.Equal(5, queue.LongestWaitSeconds(replay.Now.AddSeconds(5)));

        replay.Play(events.Skip(joined + 1));
        Assert.Empty(Assert.Single(replay.Model.Queues()).Callers);
        Assert.Contains(replay.Of<CallAnswered>(), a => a.Call.AnsweredBy == "1002");
        Assert.Equal("ANSWERED", Assert.Single(replay.Of<CallEnded>()).Disposition);
        Assert.Contains(replay.Of<QueueChanged>(), q => q.Queue.CallsWaiting == 1);
    }

    [Fact]
    public void Every_recorded_stream_goes_through_the_model_and_leaves_no_call_behind()
    {
        foreach (var name in new[] { "ami-events-call-1001-to-1002", "ami-events-queue-605-answered-by-1002", "ami-events-blind-transfer",
                     "ami-events-amd-606", "ami-events-originate-async", "ami-events-userevent", "ami-events-registration-1001", "ami-events-reloads" })
        {
            var replay = new LiveModelReplay().Play(RecordedAmi.Events(name));
            Assert.True(replay.Model.Calls().Count == 0, name + " left a call");
            Assert.Equal(replay.Of<CallStarted>().Count(), replay.Of<CallEnded>().Count());
        }
    }

    [Fact]
    public void A_call_that_nobody_answers_ends_with_the_dial_status_as_disposition()
    {
        var replay = new LiveModelReplay().Play(
            NewChannel("PJSIP/1001-00000001", "10.1", "10.1", "Ring", "1001", "1003"),
            NewChannel("PJSIP/1003-00000002", "10.2", "10.1", "Down", "1003", "s"),
            Dial("DialBegin", "10.1", "10.2", null),
            Dial("DialEnd", "10.1", "10.2", "BUSY"),
            Hangup("PJSIP/1003-00000002", "10.2", "10.1", 17),
            Hangup("PJSIP/1001-00000001", "10.1", "10.1", 17));

        var ended = Assert.Single(replay.Of<CallEnded>());
        Assert.Equal("BUSY", ended.Disposition);
        Assert.Empty(replay.Of<CallAnswered>());
    }

    [Fact]
    public void Events_of_a_channel_never_announced_create_it_and_events_after_its_hangup_are_ignored()
    {
        // The model started mid-call (or Newchannel was lost): the first event it sees is a Newstate.
        var replay = new LiveModelReplay().Play(
            Newstate("PJSIP/1002-00000002", "20.2", "20.1", "Up", "1002"),
            Newstate("PJSIP/1001-00000001", "20.1", "20.1", "Up", "1001"));
        var call = Assert.Single(replay.Model.Calls());
        Assert.Equal("20.1", call.CallId);
        Assert.Equal("1001", call.From);
        Assert.Equal(2, call.Channels.Count);

        replay.Play(Hangup("PJSIP/1002-00000002", "20.2", "20.1", 16), Hangup("PJSIP/1001-00000001", "20.1", "20.1", 16));
        Assert.Single(replay.Of<CallEnded>());
        // A late event about a channel that hung up must not bring the call back.
        replay.Play(Newstate("PJSIP/1001-00000001", "20.1", "20.1", "Up", "1001"));
        Assert.Empty(replay.Model.Calls());
        Assert.Single(replay.Of<CallStarted>());
    }

    [Fact]
    public void A_channel_whose_Linkedid_changes_moves_to_that_call_and_its_old_call_ends()
    {
        // Attended transfer: 1001↔1002 is call 30.1; 1002 consults 1003 (call 30.3); on transfer, Asterisk gives 1003's
        // leg the bridge's oldest Linkedid, 30.1.
        var replay = new LiveModelReplay().Play(
            NewChannel("PJSIP/1001-00000001", "30.1", "30.1", "Up", "1001", "1002"),
            NewChannel("PJSIP/1002-00000002", "30.2", "30.1", "Up", "1002", "s"),
            NewChannel("PJSIP/1002-00000003", "30.3", "30.3", "Up", "1002", "1003"),
            NewChannel("PJSIP/1003-00000004", "30.4", "30.3", "Up", "1003", "s"));
        Assert.Equal(2, replay.Model.Calls().Count);

        replay.Play(
            Hangup("PJSIP/1002-00000003", "30.3", "30.3", 16),
            """
            Event: AttendedTransfer
            Result: Success
            OrigTransfererChannel: PJSIP/1002-00000002
            OrigTransfererUniqueid: 30.2
            OrigTransfererLinkedid: 30.1
            TransfereeChannel: PJSIP/1001-00000001
            TransfereeUniqueid: 30.1
            TransfereeLinkedid: 30.1
            TransferTargetChannel: PJSIP/1003-00000004
            TransferTargetUniqueid: 30.4
            TransferTargetLinkedid: 30.3
            DestType: Bridge
            """,
            Newstate("PJSIP/1003-00000004", "30.4", "30.1", "Up", "1003"),
            Hangup("PJSIP/1002-00000002", "30.2", "30.1", 16));

        var transfer = Assert.Single(replay.Of<CallTransferred>());
        Assert.Equal(("30.1", "1002", "1003", "attended"), (transfer.Call.CallId, transfer.From, transfer.To, transfer.Type));
        var call = Assert.Single(replay.Model.Calls());
        Assert.Equal("30.1", call.CallId);
        Assert.Equal(["1001", "1003"], call.Channels.Select(c => c.Endpoint));
        // Every extension that took part stays named, the transferrer included.
        Assert.Equal(["1001", "1002", "1003"], call.Extensions);
        Assert.Equal("30.3", Assert.Single(replay.Of<CallEnded>()).Call.CallId);
    }

    [Fact]
    public void A_call_from_a_trunk_is_inbound_and_a_call_out_on_a_trunk_is_outbound()
    {
        var replay = new LiveModelReplay().Play(
            NewChannel("PJSIP/botpbx-trunk-1-00000001", "40.1", "40.1", "Ring", "+15551234567", "+15559990000"),
            NewChannel("PJSIP/1001-00000002", "40.2", "40.1", "Down", "1001", "s"),
            NewChannel("PJSIP/1002-00000003", "41.1", "41.1", "Ring", "1002", "0015551230000"),
            NewChannel("PJSIP/botpbx-trunk-1-00000004", "41.2", "41.1", "Down", "0015551230000", "s"));

        var calls = replay.Model.Calls().ToDictionary(c => c.CallId);
        Assert.Equal(("inbound", "+15551234567", "+15559990000"), (calls["40.1"].Direction, calls["40.1"].From, calls["40.1"].To));
        Assert.Equal("outbound", calls["41.1"].Direction);
    }

    internal static string NewChannel(string channel, string uniqueid, string linkedid, string state, string callerId, string exten) => $"""
        Event: Newchannel
        Channel: {channel}
        ChannelState: {(state == "Up" ? 6 : state == "Ring" ? 4 : 0)}
        ChannelStateDesc: {state}
        CallerIDNum: {callerId}
        CallerIDName: <unknown>
        ConnectedLineNum: <unknown>
        ConnectedLineName: <unknown>
        Context: botpbx-internal
        Exten: {exten}
        Priority: 1
        Uniqueid: {uniqueid}
        Linkedid: {linkedid}
        """;

    internal static string Newstate(string channel, string uniqueid, string linkedid, string state, string callerId) => $"""
        Event: Newstate
        Channel: {channel}
        ChannelStateDesc: {state}
        CallerIDNum: {callerId}
        Uniqueid: {uniqueid}
        Linkedid: {linkedid}
        """;

    internal static string Hangup(string channel, string uniqueid, string linkedid, int cause) => $"""
        Event: Hangup
        Channel: {channel}
        ChannelStateDesc: Up
        Uniqueid: {uniqueid}
        Linkedid: {linkedid}
        Cause: {cause}
        """;

    internal static string Dial(string name, string caller, string callee, string? status) => $"""
        Event: {name}
        Uniqueid: {caller}
        Linkedid: {caller.Split('.')[0]}.1
        DestUniqueid: {callee}
        DestLinkedid: {caller.Split('.')[0]}.1
        DialStatus: {status ?? ""}
        """;
}
