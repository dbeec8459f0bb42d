using BotPbx.Telephony.Live;

namespace BotPbx.Telephony.Tests.Live;

public sealed class LivePresenceTests
{
    [Fact]
    public void A_phone_that_registers_is_available_with_its_device_and_unavailable_once_it_unregisters()
    {
        var events = RecordedAmi.Events("ami-events-registration-1001");
        var registered = events.Select((e, i) => (e, i)).First(x => x.e.Is("ContactStatus")).i;
        var replay = new LiveModelReplay().Play(events.Take(registered + 1));

        var ext = replay.Model.Extensions().Single(e => e.Extension == "1001");
        Assert.Equal("available", ext.Status);
        Assert.Equal("sip:1001@127.0.0.1:5071;ob", Assert.Single(ext.Contacts).Uri);

        replay.Play(events.Skip(registered + 1));
        ext = replay.Model.Extensions().Single(e => e.Extension == "1001");
        Assert.Equal("unavailable", ext.Status);
        Assert.Empty(ext.Contacts);
        Assert.Contains(replay.Of<ExtensionChanged>(), c => c.Extension.Extension == "1001" && c.Previous == "available" && c.Extension.Status == "unavailable");
    }

    [Fact]
    public void During_a_call_the_callee_rings_then_is_busy_then_available_again()
    {
        var replay = new LiveModelReplay().Play(RecordedAmi.Events("ami-events-call-1001-to-1002"));

        var statuses = replay.Of<ExtensionChanged>().Where(c => c.Extension.Extension == "1002").Select(c => c.Extension.Status).ToList();
        Assert.Equal("busy", statuses[0]);
        Assert.Equal("available", statuses[^1]);
        Assert.Equal("available", replay.Model.Extensions().Single(e => e.Extension == "1002").Status);
    }

    [Fact]
    public void Ringing_is_reported_from_the_hint_and_on_hold_too()
    {
        var replay = new LiveModelReplay().Play(Hint("1002", 8, "Ringing"), Hint("1002", 1, "InUse"), Hint("1002", 16, "Hold"), Hint("1002", 0, "Idle"));

        Assert.Equal(["ringing", "busy", "on_hold", "available"],
            replay.Of<ExtensionChanged>().Where(c => c.Extension.Extension == "1002").Select(c => c.Extension.Status).Skip(0).ToList());
        Assert.Equal("on_hold", replay.Of<ExtensionChanged>().Last().Previous);
    }

    [Fact]
    public void Dnd_set_by_the_feature_code_shows_at_once_from_the_dialplan_step_that_writes_it()
    {
        var replay = new LiveModelReplay().Play(Hint("1001", 0, "Idle"), """
            Event: Newexten
            Channel: PJSIP/1001-00000009
            ChannelStateDesc: Up
            Uniqueid: 50.1
            Linkedid: 50.1
            Extension: *76
            Application: Set
            AppData: DB(BOTPBX/1001/dnd)=1
            """);

        var ext = replay.Model.Extensions().Single(e => e.Extension == "1001");
        Assert.True(ext.Dnd);
        Assert.Equal("dnd", ext.Status);
        Assert.Equal("available", replay.Of<ExtensionChanged>().Last().Previous);

        replay.Model.SetDnd("1001", false, replay.Now);
        Assert.Equal("available", replay.Model.Extensions().Single(e => e.Extension == "1001").Status);
    }

    [Fact]
    public void Hints_reported_empty_while_Asterisk_boots_are_not_a_state()
    {
        var replay = new LiveModelReplay().Play(Hint("1001", 0, "Idle"), """
            Event: ExtensionStatus
            Exten: 1001
            Context: botpbx-extensions
            Hint:
            Status: 4
            StatusText: Unavailable
            """);
        Assert.Equal("available", replay.Model.Extensions().Single(e => e.Extension == "1001").Status);
    }

    [Fact]
    public void Numbers_outside_the_directory_get_no_presence_entry()
    {
        var replay = new LiveModelReplay().Play(Hint("7777", 0, "Idle"));
        Assert.DoesNotContain(replay.Model.Extensions(), e => e.Extension == "7777");
        Assert.Equal(["1001", "1002", "1003"], replay.Model.Extensions().Select(e => e.Extension));
    }

    internal static string Hint(string exten, int status, string text) => $"""
        Event: ExtensionStatus
        Exten: {exten}
        Context: botpbx-extensions
        Hint: PJSIP/{exten}
        Status: {status}
        StatusText: {text}
        """;
}
