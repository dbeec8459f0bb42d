using BotPbx.Telephony.Live;

namespace BotPbx.Telephony.Tests.Live;

public sealed class LiveResyncTests
{
    private static LiveResyncInput RecordedDuringCall(IReadOnlyDictionary<string, bool?>? dnd = null) => new(
        RecordedAmi.ListItems("ami-eventlists", "csc-1"),
        RecordedAmi.ListItems("ami-eventlists", "qs-1"),
        new[] { LivePresenceTests.Hint("1001", 1, "InUse"), LivePresenceTests.Hint("1002", 1, "InUse") }.Select(RecordedAmi.Event).ToList(),
        RecordedAmi.ListItems("ami-eventlists", "contacts-1"),
        dnd);

    [Fact]
    public void A_model_started_mid_call_learns_the_call_its_parties_and_its_answer_from_CoreShowChannels()
    {
        var replay = new LiveModelReplay();
        var changes = replay.Resync(RecordedDuringCall());

        var call = Assert.Single(replay.Model.Calls());
        Assert.Equal("1795239869.37", call.CallId);
        Assert.Equal(("1001", "1002", "answered", "1002"), (call.From, call.To, call.State, call.AnsweredBy));
        Assert.Equal(2, call.Channels.Count);
        Assert.Equal(replay.Now.AddSeconds(-2), call.StartedAt);
        Assert.Contains(changes, c => c is CallStarted);
        Assert.Contains(changes, c => c is CallAnswered);
        Assert.All(replay.Model.Extensions().Where(e => e.Extension != "1003"), e => Assert.Equal("busy", e.Status));
        Assert.Single(replay.Model.Extensions().Single(e => e.Extension == "1002").Contacts);
    }

    [Fact]
    public void QueueStatus_gives_the_waiting_caller_its_wait_and_the_members_their_state()
    {
        var replay = new LiveModelReplay();
        replay.Resync(RecordedDuringCall());

        var queue = Assert.Single(replay.Model.Queues());
        Assert.Equal("support", queue.Queue);
        var caller = Assert.Single(queue.Callers);
        Assert.Equal("1001", caller.CallerIdNum);
        Assert.Equal(3, queue.LongestWaitSeconds(replay.Now));
        var member = Assert.Single(queue.Members);
        Assert.Equal(("PJSIP/1002", "1002", "unavailable"), (member.Interface, member.Extension, member.Status));
        Assert.Equal(0, queue.AgentsAvailable);
        Assert.Equal("ringall", queue.Strategy);
    }

    [Fact]
    public void The_same_snapshot_twice_reports_nothing_the_second_time()
    {
        var replay = new LiveModelReplay();
        replay.Resync(RecordedDuringCall());
        Assert.Empty(replay.Resync(RecordedDuringCall()));
    }

    [Fact]
    public void Calls_that_ended_while_events_were_lost_end_and_known_calls_keep_their_start()
    {
        var replay = new LiveModelReplay();
        var events = RecordedAmi.Events("ami-events-call-1001-to-1002");
        var bothBridged = events.Select((e, i) => (e, i)).Where(x => x.e.Is("BridgeEnter")).Last().i;
        replay.Play(events.Take(bothBridged + 1));
        var before = Assert.Single(replay.Model.Calls());

        // The stream broke; Asterisk now reports no channel at all: the call ended meanwhile.
        var empty = new LiveResyncInput(RecordedAmi.ListItems("ami-eventlists", "csc-empty"), [], [], [], null);
        var changes = replay.Resync(empty);
        var ended = Assert.Single(changes.OfType<CallEnded>());
        Assert.Equal(before.CallId, ended.Call.CallId);
        Assert.Equal("ANSWERED", ended.Disposition);
        Assert.Empty(replay.Model.Calls());

        // A late Hangup of that call after the resync must not start or end anything.
        var late = replay.Play(events.Skip(bothBridged + 1)).Changes;
        Assert.Single(late.OfType<CallEnded>());
        Assert.Single(late.OfType<CallStarted>());
    }

    [Fact]
    public void A_resync_keeps_the_start_and_answer_the_events_had_shown()
    {
        var replay = new LiveModelReplay().Play(
            LiveCallTests.NewChannel("PJSIP/1001-00000011", "1795239869.37", "1795239869.37", "Ring", "1001", "1002"));
        var startedAt = Assert.Single(replay.Model.Calls()).StartedAt;

        replay.Resync(RecordedDuringCall());
        var call = Assert.Single(replay.Model.Calls());
        Assert.Equal(startedAt, call.StartedAt);
        Assert.Equal("answered", call.State);
        Assert.Single(replay.Of<CallStarted>());
    }

    [Fact]
    public void Dnd_read_from_AstDB_wins_over_the_saved_setting_and_a_missing_key_falls_back_to_it()
    {
        var replay = new LiveModelReplay();
        replay.Model.SetDirectory(replay.Model.Directory with
        {
            Extensions = new Dictionary<string, LiveDirectoryExtension>
            {
                ["1001"] = new("1001", "Test 1001", SavedDnd: true, null),
                ["1002"] = new("1002", "Test 1002", SavedDnd: false, null),
            },
        }, replay.Now);
        var idle = new LiveResyncInput([], [], new[] { LivePresenceTests.Hint("1001", 0, "Idle"), LivePresenceTests.Hint("1002", 0, "Idle") }.Select(RecordedAmi.Event).ToList(), [],
            new Dictionary<string, bool?> { ["1002"] = true });
        replay.Resync(idle);

        var extensions = replay.Model.Extensions().ToDictionary(e => e.Extension);
        Assert.Equal("dnd", extensions["1001"].Status);
        Assert.Equal("dnd", extensions["1002"].Status);

        replay.Resync(idle with { Dnd = new Dictionary<string, bool?> { ["1001"] = false } });
        extensions = replay.Model.Extensions().ToDictionary(e => e.Extension);
        Assert.Equal("available", extensions["1001"].Status);
        Assert.Equal("available", extensions["1002"].Status);
    }

    [Fact]
    public void An_empty_queue_list_after_a_restart_clears_the_waiting_callers()
    {
        var replay = new LiveModelReplay();
        replay.Resync(RecordedDuringCall());
        Assert.Single(replay.Model.Queues());
        replay.Resync(new LiveResyncInput([], RecordedAmi.ListItems("ami-eventlists", "qs-none"), [], [], null));
        Assert.Empty(replay.Model.Queues());
        Assert.Empty(replay.Model.Calls());
    }
}
