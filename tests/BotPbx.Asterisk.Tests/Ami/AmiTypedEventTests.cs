using BotPbx.Asterisk.Ami;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>Typed views read the recorded events of real calls.</summary>
public sealed class AmiTypedEventTests
{
    private static IReadOnlyList<AmiEvent> Events(string fixture) => AmiFixture.Load(fixture).Messages().OfType<AmiEvent>().ToList();

    [Fact]
    public void Every_recorded_event_with_a_registered_name_gets_its_typed_view()
    {
        var known = AmiEventRegistry.KnownEvents.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in AmiFixture.AmiNames)
        {
            foreach (var amiEvent in Events(name))
            {
                var typed = amiEvent.ToTyped();
                Assert.Equal(known.Contains(amiEvent.Name), typed is not null);
                if (typed is not null) seen.Add(typed.Name);
            }
        }
        // Not in the recordings: Registry (outbound trunk registration), BotPbxEventsLost (ours) and the security events no
        // recorded exchange provoked (the recordings hold SuccessfulAuth, ChallengeSent, ChallengeResponseFailed and InvalidPassword).
        string[] recordedSecurity = ["SuccessfulAuth", "ChallengeSent", "ChallengeResponseFailed", "InvalidPassword"];
        string[] unrecorded = ["Registry", EventsLostEvent.EventName, .. SecurityEvent.Names.Except(recordedSecurity, StringComparer.OrdinalIgnoreCase)];
        Assert.Equal(known.Except(unrecorded, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase), seen.Order(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_call_from_1001_to_1002_reads_as_typed_events()
    {
        var events = Events("ami-events-call-1001-to-1002");

        Assert.True(events.First(e => e.Is("Newchannel")).TryAs(out NewchannelEvent newchannel));
        Assert.False(events.First(e => e.Is("Newchannel")).TryAs(out HangupEvent _));
        Assert.StartsWith("PJSIP/1001-", newchannel.Channel.Channel, StringComparison.Ordinal);
        Assert.Equal("1001", newchannel.Channel.CallerIdNum);
        var dialBegin = events.Select(e => e.ToTyped()).OfType<DialBeginEvent>().First();
        Assert.StartsWith("PJSIP/1002-", dialBegin.Destination.Channel, StringComparison.Ordinal);
        Assert.Equal("1002", dialBegin.DialString);
        Assert.Equal("ANSWER", events.Select(e => e.ToTyped()).OfType<DialEndEvent>().First().DialStatus);
        var bridgeEnter = events.Select(e => e.ToTyped()).OfType<BridgeEnterEvent>().First();
        Assert.False(string.IsNullOrEmpty(bridgeEnter.Bridge.Uniqueid));
        var hangups = events.Select(e => e.ToTyped()).OfType<HangupEvent>().ToList();
        Assert.Equal(2, hangups.Count);
        Assert.All(hangups, h => Assert.Equal(16, h.Cause));
        Assert.All(hangups, h => Assert.Equal("Normal Clearing", h.CauseText));
        var cdr = events.Select(e => e.ToTyped()).OfType<CdrEvent>().Single();
        Assert.Equal("ANSWERED", cdr.Disposition);
        Assert.Equal("1002", cdr.Destination);
    }

    [Fact]
    public void Queue_events_of_a_call_answered_by_1002()
    {
        var typed = Events("ami-events-queue-605-answered-by-1002").Select(e => e.ToTyped()).ToList();

        var join = typed.OfType<QueueCallerJoinEvent>().Single();
        Assert.Equal("support", join.Queue);
        Assert.Equal(1, join.Position);
        var connect = typed.OfType<AgentConnectEvent>().Single();
        Assert.Equal("PJSIP/1002", connect.Interface);
        Assert.StartsWith("PJSIP/1002-", connect.Agent.Channel, StringComparison.Ordinal);
        Assert.Equal("support", typed.OfType<QueueCallerLeaveEvent>().Single().Queue);
        Assert.Contains(typed.OfType<QueueMemberStatusEvent>(), s => s.Interface == "PJSIP/1002" && s.Paused == false);
    }

    [Fact]
    public void Registration_events_of_phone_1001()
    {
        var typed = Events("ami-events-registration-1001").Select(e => e.ToTyped()).ToList();

        var peer = typed.OfType<PeerStatusEvent>().First();
        Assert.Equal("PJSIP/1001", peer.Peer);
        Assert.Equal("Reachable", peer.PeerStatus);
        var contact = typed.OfType<ContactStatusEvent>().First();
        Assert.Equal("NonQualified", contact.ContactStatus);
        Assert.Equal("sip:1001@127.0.0.1:5071;ob", contact.Uri);
        Assert.Contains(typed.OfType<DeviceStateChangeEvent>(), d => d.Device == "PJSIP/1001" && d.State == "NOT_INUSE");
        Assert.Contains(typed.OfType<ExtensionStatusEvent>(), x => x.Exten == "1001" && x.Status == 0 && x.StatusText == "Idle");
    }

    [Fact]
    public void AMD_verdict_Reload_status_and_UserEvent_headers()
    {
        var amd = Events("ami-events-amd-606").Select(e => e.ToTyped()).OfType<VarSetEvent>().Single(v => v.Variable == "AMDSTATUS");
        Assert.Equal("HUMAN", amd.Value);

        var reloads = Events("ami-events-reloads").Select(e => e.ToTyped()).OfType<ReloadEvent>().ToList();
        Assert.Contains(reloads, r => r.Module == "no_such_module.so" && r.Status == 2);
        Assert.Contains(reloads, r => r.Module == "app_echo.so" && r.Status == 6);

        var user = Events("ami-events-userevent").Select(e => e.ToTyped()).OfType<UserEventEvent>().First();
        Assert.Equal("BotPbxTest", user.UserEventName);
        Assert.Equal("bar", user["foo"]);
        Assert.Equal("2", user["Count"]);
    }

    [Fact]
    public void FullyBooted_reads_the_same_in_both_field_orders()
    {
        var before = Events("ami-restart-conn1-before").Select(e => e.ToTyped()).OfType<FullyBootedEvent>().Single();
        var after = Events("ami-restart-conn2-after").Select(e => e.ToTyped()).OfType<FullyBootedEvent>().Single();

        Assert.Equal("Fully Booted", before.Status);
        Assert.Equal(388, before.Uptime);
        Assert.Equal("Fully Booted", after.Status);
        Assert.Equal(0, after.Uptime);
    }
}
