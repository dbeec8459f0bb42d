namespace BotPbx.Asterisk.Ami;

/// <summary>
/// Boot finished. Field order differs between a normal login and right after a restart (fixture ami-restart-*),
/// which is why every property looks its key up.
/// </summary>
public sealed class FullyBootedEvent(AmiEvent raw) : AmiTypedEvent(raw)
{
    public string Status => Text("Status");

    public int? Uptime => Raw.GetInt32("Uptime");

    public int? LastReload => Raw.GetInt32("LastReload");
}

/// <summary>After each module reload. <c>Status</c>: 0 success, 2 not found, 6 reload not supported (fixture ami-events-reloads).</summary>
public sealed class ReloadEvent(AmiEvent raw) : AmiTypedEvent(raw)
{
    public string Module => Text("Module");

    public int? Status => Raw.GetInt32("Status");
}

/// <summary>Asterisk is stopping; <c>Restart: True</c> when it will come back (fixture ami-restart-conn1-before).</summary>
public sealed class ShutdownEvent(AmiEvent raw) : AmiTypedEvent(raw)
{
    public string Shutdown => Text("Shutdown");

    public bool IsRestart => Raw.GetBoolean("Restart") ?? false;
}

/// <summary>
/// <c>UserEvent(Name,key: value,…)</c> from the dialplan or <c>Action: UserEvent</c>. The custom headers come
/// after the channel block exactly as written (fixture ami-events-userevent); read them with the indexer on <see cref="AmiTypedEvent.Raw"/>.
/// </summary>
public sealed class UserEventEvent(AmiEvent raw) : AmiTypedEvent(raw)
{
    /// <summary>The user's event name (the <c>UserEvent:</c> field), e.g. <c>BotPbxTest</c>.</summary>
    public string UserEventName => Text("UserEvent");

    public string this[string header] => Text(header);
}
