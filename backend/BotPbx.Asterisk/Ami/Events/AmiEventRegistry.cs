using System.Collections.Frozen;

namespace BotPbx.Asterisk.Ami;

/// <summary>Event name → typed view. A registry, not a switch: adding a typed event is one line here.</summary>
public static class AmiEventRegistry
{
    private static readonly FrozenDictionary<string, Func<AmiEvent, AmiTypedEvent>> Factories =
        new Dictionary<string, Func<AmiEvent, AmiTypedEvent>>(StringComparer.OrdinalIgnoreCase)
        {
            ["Newchannel"] = e => new NewchannelEvent(e),
            ["Newstate"] = e => new NewstateEvent(e),
            ["Hangup"] = e => new HangupEvent(e),
            ["VarSet"] = e => new VarSetEvent(e),
            ["DialBegin"] = e => new DialBeginEvent(e),
            ["DialEnd"] = e => new DialEndEvent(e),
            ["BridgeEnter"] = e => new BridgeEnterEvent(e),
            ["BridgeLeave"] = e => new BridgeLeaveEvent(e),
            ["Cdr"] = e => new CdrEvent(e),
            ["OriginateResponse"] = e => new OriginateResponseEvent(e),
            ["QueueCallerJoin"] = e => new QueueCallerJoinEvent(e),
            ["QueueCallerLeave"] = e => new QueueCallerLeaveEvent(e),
            ["QueueMemberStatus"] = e => new QueueMemberStatusEvent(e),
            ["AgentConnect"] = e => new AgentConnectEvent(e),
            ["DeviceStateChange"] = e => new DeviceStateChangeEvent(e),
            ["ExtensionStatus"] = e => new ExtensionStatusEvent(e),
            ["PeerStatus"] = e => new PeerStatusEvent(e),
            ["ContactStatus"] = e => new ContactStatusEvent(e),
            ["Registry"] = e => new RegistryEvent(e),
            ["UserEvent"] = e => new UserEventEvent(e),
            ["FullyBooted"] = e => new FullyBootedEvent(e),
            ["Reload"] = e => new ReloadEvent(e),
            ["Shutdown"] = e => new ShutdownEvent(e),
            [EventsLostEvent.EventName] = e => new EventsLostEvent(e),
        }.Concat(SecurityEvent.Names.Select(name => KeyValuePair.Create<string, Func<AmiEvent, AmiTypedEvent>>(name, e => new SecurityEvent(e))))
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Names that have a typed view.</summary>
    public static IEnumerable<string> KnownEvents => Factories.Keys;

    /// <summary>The typed view of this event, or null when its name has none.</summary>
    public static AmiTypedEvent? ToTyped(this AmiEvent amiEvent)
    {
        ArgumentNullException.ThrowIfNull(amiEvent);
        return Factories.TryGetValue(amiEvent.Name, out var create) ? create(amiEvent) : null;
    }

    /// <summary>The typed view when it is a <typeparamref name="T"/>: <c>if (e.TryAs(out HangupEvent hangup))</c>.</summary>
    public static bool TryAs<T>(this AmiEvent amiEvent, out T typed) where T : AmiTypedEvent
    {
        typed = (amiEvent.ToTyped() as T)!;
        return typed is not null;
    }
}
